package io.zenoo.cache.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.testing.TestCaches;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.cache.configuration.MutableConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.cache.transaction.TransactionAwareCacheManagerProxy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Zenoo caches under Spring's cache abstraction ({@link JCacheCacheManager}) inside transactions of a real
 * transaction manager ({@link DataSourceTransactionManager} over an in-memory H2 database, driven by a
 * {@link TransactionTemplate}), in the two ways an application can combine them:
 * <ul>
 *   <li>Spring's {@link TransactionAwareCacheManagerProxy}: Spring itself defers {@code put} and
 *       {@code evict} to after the commit and drops them at rollback;
 *   <li>a zenoo {@link CacheTransaction} bound to the Spring transaction by a five-line
 *       {@link TransactionSynchronization} (as the README shows): the transaction also reads its own
 *       writes, and each cache applies them in one batch.
 * </ul>
 */
class SpringTransactionTest {

  private final TestCaches caches = new TestCaches();
  private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
  private final String name = "users-" + UUID.randomUUID();
  private javax.cache.Cache<Object, Object> jcache;
  private TransactionTemplate transactions;
  private JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    jcache = caches.manager().createCache(name, new MutableConfiguration<>());
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("create table users (id varchar(20) primary key, name varchar(50))");
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @AfterEach
  void tearDown() {
    jdbc.execute("shutdown");
    otherThread.shutdownNow();
    caches.close();
  }

  private Cache springCache(boolean transactionAware) {
    JCacheCacheManager manager = new JCacheCacheManager(caches.manager());
    manager.afterPropertiesSet();
    CacheManager cacheManager = transactionAware ? new TransactionAwareCacheManagerProxy(manager) : manager;
    Cache cache = cacheManager.getCache(name);
    assertThat(cache).isNotNull();
    return cache;
  }

  /** Returns what the supplier answers on another thread, outside the transaction. */
  private <T> T elsewhere(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, otherThread).join();
  }

  // ---------------------------------------------------------------- TransactionAwareCacheManagerProxy

  @Test
  void transactionAwareProxy_putIsInvisibleToOtherThreadsUntilCommit() {
    Cache cache = springCache(/* transactionAware= */ true);

    transactions.executeWithoutResult(status -> {
      jdbc.update("insert into users values (?, ?)", "alice", "Alice");
      cache.put("alice", "Alice");
      assertThat(elsewhere(() -> jcache.get("alice"))).isNull();
    });

    assertThat(elsewhere(() -> jcache.get("alice"))).isEqualTo("Alice");
    assertThat(cache.get("alice", String.class)).isEqualTo("Alice");
  }

  @Test
  void transactionAwareProxy_rollbackDropsThePut() {
    Cache cache = springCache(/* transactionAware= */ true);

    transactions.executeWithoutResult(status -> {
      jdbc.update("insert into users values (?, ?)", "bob", "Bob");
      cache.put("bob", "Bob");
      status.setRollbackOnly();
    });
    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
      cache.put("bob", "Bob");
      throw new IllegalStateException("the service failed");
    })).hasMessage("the service failed");

    assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).isZero();
    assertThat(jcache.containsKey("bob")).isFalse();
  }

  @Test
  void transactionAwareProxy_evictIsDeferredUntilCommit() {
    Cache cache = springCache(/* transactionAware= */ true);
    jcache.put("carol", "Carol");

    transactions.executeWithoutResult(status -> {
      cache.evict("carol");
      assertThat(elsewhere(() -> jcache.get("carol"))).isEqualTo("Carol");
    });

    assertThat(jcache.containsKey("carol")).isFalse();
  }

  @Test
  void transactionAwareProxy_rollbackDropsTheEvict() {
    Cache cache = springCache(/* transactionAware= */ true);
    jcache.put("dave", "Dave");

    transactions.executeWithoutResult(status -> {
      cache.evict("dave");
      status.setRollbackOnly();
    });

    assertThat(jcache.get("dave")).isEqualTo("Dave");
  }

  // ---------------------------------------------------------------- a zenoo transaction bound to Spring's

  /** Binds a zenoo cache transaction to the current Spring transaction: the README's snippet. */
  private static void bindCacheTransaction() {
    CacheTransaction cacheTransaction = CacheTransaction.begin();
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        if (status == STATUS_COMMITTED) {
          cacheTransaction.commit();
        } else {
          cacheTransaction.rollback();
        }
      }
    });
  }

  @Test
  void boundCacheTransaction_readsItsOwnWrites_andOthersSeeThemAfterCommit() {
    Cache cache = springCache(/* transactionAware= */ false);
    jcache.put("evicted", "e");

    transactions.executeWithoutResult(status -> {
      bindCacheTransaction();
      jdbc.update("insert into users values (?, ?)", "erin", "Erin");
      cache.put("erin", "Erin");
      cache.evict("evicted");
      assertThat(cache.get("erin", String.class)).isEqualTo("Erin");
      assertThat(cache.get("evicted")).isNull();
      assertThat(elsewhere(() -> jcache.get("erin"))).isNull();
      assertThat(elsewhere(() -> jcache.get("evicted"))).isEqualTo("e");
    });

    assertThat(elsewhere(() -> jcache.get("erin"))).isEqualTo("Erin");
    assertThat(elsewhere(() -> jcache.containsKey("evicted"))).isFalse();
    assertThat(CacheTransaction.current()).isEmpty();
  }

  @Test
  void boundCacheTransaction_rollbackDropsItsWrites() {
    Cache cache = springCache(/* transactionAware= */ false);
    jcache.put("kept", "k");

    transactions.executeWithoutResult(status -> {
      bindCacheTransaction();
      cache.put("frank", "Frank");
      cache.evict("kept");
      status.setRollbackOnly();
    });

    assertThat(jcache.containsKey("frank")).isFalse();
    assertThat(jcache.get("kept")).isEqualTo("k");
    assertThat(CacheTransaction.current()).isEmpty();
  }
}
