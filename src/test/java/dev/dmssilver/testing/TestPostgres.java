package dev.dmssilver.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's own binaries (Debian's postgresql-15, which
 * .ci/run installs when missing), on a free loopback port with a temporary data folder. As root it
 * runs the server as the postgres user, since PostgreSQL refuses to run as root.
 */
public final class TestPostgres implements AutoCloseable {
  private final Path binaries;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private TestPostgres(Path binaries, Path data, int port, boolean asPostgresUser) {
    this.binaries = binaries;
    this.data = data;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  public static TestPostgres start() {
    Path binaries = findBinaries();
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      // The postgres user must be able to reach the folder, so not under a private temp folder.
      Path base = Files.createTempDirectory(Paths.get("/tmp"), "silver-postgres-");
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path data = base.resolve("data");
      Path sockets = base.resolve("sockets");
      Files.createDirectories(data);
      Files.createDirectories(sockets);
      if (root) {
        run(List.of("chown", "-R", "postgres:postgres", base.toString()), base);
      }
      int port = TestS3.freePort();
      TestPostgres postgres = new TestPostgres(binaries, data, port, root);
      postgres.runAsServerUser(
          base,
          binaries.resolve("initdb").toString(),
          "-D",
          data.toString(),
          "-U",
          "postgres",
          "--auth=trust",
          "--no-sync",
          "-E",
          "UTF8");
      postgres.runAsServerUser(
          base,
          binaries.resolve("pg_ctl").toString(),
          "-D",
          data.toString(),
          "-w",
          "-t",
          "60",
          "-l",
          base.resolve("server.log").toString(),
          "-o",
          "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c fsync=off",
          "start");
      postgres.createDatabase("silver");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL", e);
    }
  }

  private static Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String folder : path.split(File.pathSeparator)) {
        candidates.add(Paths.get(folder));
      }
    }
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions != null) {
      Arrays.sort(versions, Comparator.comparing(File::getName).reversed());
      for (File version : versions) {
        candidates.add(version.toPath().resolve("bin"));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate.resolve("initdb"))
          && Files.isExecutable(candidate.resolve("pg_ctl"))) {
        // /usr/local/bin may hold links: use the real folder, where postgres itself lives too.
        return resolveLinks(candidate);
      }
    }
    throw new IllegalStateException(
        "PostgreSQL is not installed (no initdb and pg_ctl on PATH or in /usr/lib/postgresql):"
            + " install Debian's postgresql-15, as .ci/run does");
  }

  private static Path resolveLinks(Path folder) {
    try {
      return folder.resolve("initdb").toRealPath().getParent();
    } catch (IOException e) {
      return folder;
    }
  }

  /** A JDBC URL for the test database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/silver?user=postgres";
  }

  public int port() {
    return port;
  }

  public void createDatabase(String name) {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
  }

  private void runAsServerUser(Path workFolder, String... command) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(Arrays.asList(command));
    run(full, workFolder);
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
            "Command failed: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    runAsServerUser(
        data.getParent(),
        binaries.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-m",
        "immediate",
        "stop");
    try (Stream<Path> files = Files.walk(data.getParent())) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
