package dev.dmssilver.source;

import dev.dmssilver.SilverException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from the machine's own binaries (Debian's postgresql-15 or 16), on
 * a free loopback port with a temporary data folder, set up for logical decoding. As root it runs
 * the server as the postgres user, since PostgreSQL refuses to run as root. No Docker, no network.
 */
public final class LocalPostgres implements AutoCloseable {
  private final Path binaries;
  private final Path base;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgres(Path binaries, Path base, int port, boolean asPostgresUser) {
    this.binaries = binaries;
    this.base = base;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The server settings a capture needs: logical decoding, and room for a few slots. */
  public static Map<String, String> logicalDecoding() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("wal_level", "logical");
    settings.put("max_replication_slots", "40");
    settings.put("max_wal_senders", "20");
    return settings;
  }

  /** Starts a server with logical decoding and a database {@code database}. */
  public static LocalPostgres start(String database) {
    return start(database, logicalDecoding());
  }

  /** Starts a server with {@code settings} (postgresql.conf names) and a database. */
  public static LocalPostgres start(String database, Map<String, String> settings) {
    Path binaries = findBinaries();
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      // The postgres user must be able to reach the folder, so not under a private temp folder.
      Path base = Files.createTempDirectory(Paths.get("/tmp"), "silver-postgres-");
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(base.resolve("data"));
      Files.createDirectories(base.resolve("sockets"));
      if (root) {
        run(Arrays.asList("chown", "-R", "postgres:postgres", base.toString()), base);
      }
      LocalPostgres postgres = new LocalPostgres(binaries, base, freePort(), root);
      postgres.initialize(settings);
      postgres.createDatabase(database);
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL", e);
    }
  }

  private void initialize(Map<String, String> settings) {
    runAsServerUser(
        binaries.resolve("initdb").toString(),
        "-D",
        base.resolve("data").toString(),
        "-U",
        "postgres",
        "--auth=trust",
        "--no-sync",
        "-E",
        "UTF8");
    StringBuilder options =
        new StringBuilder("-p " + port + " -k " + base.resolve("sockets"))
            .append(" -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off");
    settings.forEach(
        (name, value) -> options.append(" -c ").append(name).append('=').append(value));
    runAsServerUser(
        binaries.resolve("pg_ctl").toString(),
        "-D",
        base.resolve("data").toString(),
        "-w",
        "-t",
        "60",
        "-l",
        base.resolve("server.log").toString(),
        "-o",
        options.toString(),
        "start");
  }

  private static Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions != null) {
      Arrays.sort(versions, Comparator.comparing(File::getName).reversed());
      for (File version : versions) {
        candidates.add(version.toPath().resolve("bin"));
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String folder : path.split(File.pathSeparator)) {
        candidates.add(Paths.get(folder));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate.resolve("initdb"))
          && Files.isExecutable(candidate.resolve("pg_ctl"))) {
        return resolveLinks(candidate);
      }
    }
    throw new SilverException(
        SilverException.Kind.CONFIGURATION,
        "Cannot start PostgreSQL: it is not installed (no initdb and pg_ctl in /usr/lib/postgresql"
            + " or on PATH). Install it, e.g. apt-get install postgresql-15");
  }

  /** /usr/local/bin may hold links: use the real folder, where postgres itself lives too. */
  private static Path resolveLinks(Path folder) {
    try {
      return folder.resolve("initdb").toRealPath().getParent();
    } catch (IOException e) {
      return folder;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A JDBC URL for {@code database} as the superuser. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  public int port() {
    return port;
  }

  public void createDatabase(String name) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
  }

  private void runAsServerUser(String... command) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
    }
    full.addAll(Arrays.asList(command));
    run(full, base);
  }

  private static void run(List<String> command, Path workFolder) {
    try {
      Path log = Files.createTempFile("silver-postgres", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(workFolder.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Command failed: "
                + command
                + "\n"
                + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      }
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server at once and removes its data. */
  @Override
  public void close() {
    runAsServerUser(
        binaries.resolve("pg_ctl").toString(),
        "-D",
        base.resolve("data").toString(),
        "-m",
        "immediate",
        "stop");
    try (Stream<Path> files = Files.walk(base)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
