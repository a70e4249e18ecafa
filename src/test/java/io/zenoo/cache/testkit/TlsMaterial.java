package io.zenoo.cache.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The throwaway certificates of one TLS server: a self-signed CA and a server certificate it signed
 * for {@code 127.0.0.1} and {@code localhost} (both EC P-256, valid from an hour ago for a day),
 * written as PEM files for {@code redis-server} and as a PKCS#12 truststore, holding the CA, for
 * clients.
 *
 * <p>Generated in the JVM (BouncyCastle builds the certificates; the JDK's own providers make the
 * keys and signatures), so no {@code openssl} command is needed. Immutable; {@link #sslContext()} is
 * shared and thread-safe.
 */
public final class TlsMaterial {

  /** The type of {@link #truststore()}. */
  public static final String TRUSTSTORE_TYPE = "PKCS12";

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path caCertificate;
  private final Path serverCertificate;
  private final Path serverKey;
  private final Path truststore;
  private final String truststorePassword;
  private final SSLContext sslContext;

  private TlsMaterial(
      Path caCertificate,
      Path serverCertificate,
      Path serverKey,
      Path truststore,
      String truststorePassword,
      SSLContext sslContext) {
    this.caCertificate = caCertificate;
    this.serverCertificate = serverCertificate;
    this.serverKey = serverKey;
    this.truststore = truststore;
    this.truststorePassword = truststorePassword;
    this.sslContext = sslContext;
  }

  /**
   * Generates a new CA and server certificate and writes {@code ca.crt}, {@code server.crt}, {@code
   * server.key} and {@code truststore.p12} into {@code directory}.
   */
  static TlsMaterial generate(Path directory) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair caKeys = generator.generateKeyPair();
      KeyPair serverKeys = generator.generateKeyPair();
      X509Certificate ca = caCertificate(caKeys);
      X509Certificate server = serverCertificate(serverKeys, ca, caKeys.getPrivate());

      Path caFile = directory.resolve("ca.crt");
      Path certificateFile = directory.resolve("server.crt");
      Path keyFile = directory.resolve("server.key");
      Path truststoreFile = directory.resolve("truststore.p12");
      writePem(caFile, "CERTIFICATE", ca.getEncoded());
      writePem(certificateFile, "CERTIFICATE", server.getEncoded());
      writePem(keyFile, "PRIVATE KEY", serverKeys.getPrivate().getEncoded());

      byte[] secret = new byte[8];
      RANDOM.nextBytes(secret);
      String password = HexFormat.of().formatHex(secret);
      KeyStore trusted = KeyStore.getInstance(TRUSTSTORE_TYPE);
      trusted.load(null, null);
      trusted.setCertificateEntry("zenoo-test-ca", ca);
      try (OutputStream out = Files.newOutputStream(truststoreFile)) {
        trusted.store(out, password.toCharArray());
      }
      return new TlsMaterial(
          caFile,
          certificateFile,
          keyFile,
          truststoreFile,
          password,
          sslContext(truststoreFile, password));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate test certificates", e);
    }
  }

  private static X509Certificate caCertificate(KeyPair keys)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    X500Name name = new X500Name("CN=zenoo-cache test CA");
    X509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
                name, serial(), notBefore(), notAfter(), name, keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
    return sign(ca, keys.getPrivate());
  }

  private static X509Certificate serverCertificate(
      KeyPair keys, X509Certificate ca, PrivateKey caKey)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    GeneralNames names =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, RedisServer.HOST)
            });
    X509v3CertificateBuilder server =
        new JcaX509v3CertificateBuilder(
                ca, serial(), notBefore(), notAfter(), new X500Name("CN=localhost"), keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
            .addExtension(Extension.subjectAlternativeName, false, names)
            .addExtension(
                Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(server, caKey);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  /** Returns the CA certificate (PEM), the one {@link #truststore()} trusts. */
  public Path caCertificate() {
    return caCertificate;
  }

  /** Returns the server certificate (PEM), for {@code 127.0.0.1} and {@code localhost}. */
  public Path serverCertificate() {
    return serverCertificate;
  }

  /** Returns the server's private key (PEM, unencrypted PKCS#8). */
  public Path serverKey() {
    return serverKey;
  }

  /** Returns the PKCS#12 truststore holding the CA certificate, for clients. */
  public Path truststore() {
    return truststore;
  }

  /** Returns the password of {@link #truststore()}. */
  public String truststorePassword() {
    return truststorePassword;
  }

  /** Returns a TLS context that trusts exactly this CA (no client certificate). */
  public SSLContext sslContext() {
    return sslContext;
  }

  @Override
  public String toString() {
    return "TlsMaterial[truststore=" + truststore + "]";
  }

  private static SSLContext sslContext(Path truststore, String password)
      throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(TRUSTSTORE_TYPE);
    try (InputStream in = Files.newInputStream(truststore)) {
      trusted.load(in, password.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), RANDOM);
    return context;
  }

  private static X509Certificate sign(X509v3CertificateBuilder certificate, PrivateKey issuerKey)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(certificate.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
