package io.zenoo.cache.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import javax.cache.CacheException;

/**
 * Reads the text of a configuration file named by a manager URI: {@code classpath:path} (a resource of the
 * manager's class loader, with or without a leading {@code /}), {@code file:/absolute/path} and
 * {@code jar:file:/archive.jar!/path} (or any other {@code jar:} URL the JVM can open, such as Spring Boot's
 * nested archives). The file is read as UTF-8 {@code .properties} text. Every failure is a
 * {@link CacheException} naming the URI.
 *
 * <p>Stateless and thread safe.
 */
final class ConfigurationResources {

  /** The URI schemes that name a configuration file. */
  static final Set<String> SCHEMES = Set.of("classpath", "file", "jar");

  private ConfigurationResources() {}

  /** Returns whether the URI names a configuration file rather than a backend. */
  static boolean isConfigurationUri(URI uri) {
    String scheme = uri.getScheme();
    return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
  }

  /** Reads the file the URI names into properties. */
  static Properties read(URI uri, ClassLoader classLoader) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    try {
      return switch (scheme) {
        case "classpath" -> readClasspath(uri, classLoader);
        case "file" -> readFile(uri);
        case "jar" -> readUrl(uri);
        default -> throw new CacheException(
            "Cannot read the configuration file " + uri + ": expected a classpath:, file: or jar: URI");
      };
    } catch (IOException e) {
      throw new CacheException("Cannot read the configuration file " + uri + ": " + e, e);
    } catch (IllegalArgumentException e) {
      // Properties.load rejects a malformed \\uXXXX escape this way
      throw new CacheException("Cannot read the configuration file " + uri + ": " + e.getMessage(), e);
    }
  }

  private static Properties readClasspath(URI uri, ClassLoader classLoader) throws IOException {
    String path = uri.getSchemeSpecificPart();
    if (path == null || path.isBlank()) {
      throw new CacheException(
          "The configuration URI " + uri + " names no resource: expected classpath:path/to/file.properties");
    }
    String resource = path.startsWith("/") ? path.substring(1) : path;
    URL url = classLoader.getResource(resource);
    if (url == null) {
      throw new CacheException(
          "The configuration file " + uri + " was not found: no resource '" + resource
              + "' on the class path of " + classLoader);
    }
    try (InputStream in = open(url)) {
      return load(in);
    }
  }

  private static Properties readFile(URI uri) throws IOException {
    if (uri.isOpaque() || uri.getPath() == null) {
      throw new CacheException(
          "The configuration URI " + uri + " is relative: expected an absolute file URI such as"
              + " file:/etc/app/zenoo-cache.properties (relative to what would depend on the working directory)");
    }
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new CacheException(
          "The configuration URI " + uri + " does not name a local file: " + e.getMessage()
              + " (expected file:/absolute/path)",
          e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return load(in);
    } catch (NoSuchFileException e) {
      throw new CacheException("The configuration file " + uri + " was not found: no file " + path, e);
    }
  }

  private static Properties readUrl(URI uri) throws IOException {
    URL url;
    try {
      url = uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new CacheException(
          "The configuration URI " + uri + " cannot be opened: " + e.getMessage()
              + " (expected jar:file:/path/archive.jar!/path/in/archive)",
          e);
    }
    try (InputStream in = open(url)) {
      return load(in);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new CacheException("The configuration file " + uri + " was not found: " + e.getMessage(), e);
    }
  }

  /** Opens a URL without the JVM's jar cache, which would keep the archive open after we are done. */
  private static InputStream open(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false);
    return connection.getInputStream();
  }

  private static Properties load(InputStream in) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
