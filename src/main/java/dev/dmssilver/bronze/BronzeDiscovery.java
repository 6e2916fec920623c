package dev.dmssilver.bronze;

import dev.dmssilver.NamedThreads;
import dev.dmssilver.SilverException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.StructType;

/**
 * Finds every file DMS wrote for one table, at any folder depth, and reads each footer. Reading
 * footers up front costs one small read per file and buys three things before any data is read:
 * every schema (so casts are checked against the contract first), exact event counts, and a clear
 * error naming any file that is not readable Parquet.
 */
public final class BronzeDiscovery {
  private static final int FOOTER_READ_THREADS = 16;
  private static final String LOCAL_SCHEME = "file";

  private BronzeDiscovery() {}

  public static BronzeInventory discover(SparkSession spark, String bronzeTable, String folder) {
    return discover(spark, bronzeTable, folder, list(spark, bronzeTable, folder));
  }

  /** Lists the table's files without reading them: what an incremental run compares. */
  public static List<ListedFile> list(SparkSession spark, String bronzeTable, String folder) {
    List<ListedFile> files = new ArrayList<>();
    for (FileStatus status : list(bronzeTable, folder, spark.sessionState().newHadoopConf())) {
      files.add(new ListedFile(status));
    }
    files.sort(Comparator.comparing(ListedFile::path));
    return files;
  }

  /** Reads the footers of {@code listed}, files of one table found by {@link #list}. */
  public static BronzeInventory discover(
      SparkSession spark, String bronzeTable, String folder, List<ListedFile> listed) {
    Configuration hadoopConf = spark.sessionState().newHadoopConf();
    ParquetToSparkSchemaConverter converter =
        new ParquetToSparkSchemaConverter(spark.sessionState().conf());
    List<FileStatus> statuses = new ArrayList<>();
    for (ListedFile file : listed) {
      statuses.add(file.status());
    }
    List<BronzeFile> files = readFooters(bronzeTable, statuses, hadoopConf, converter);
    files.sort(Comparator.comparing(BronzeFile::path));
    return new BronzeInventory(bronzeTable, folder, files);
  }

  private static List<FileStatus> list(
      String bronzeTable, String folder, Configuration hadoopConf) {
    Path root = new Path(folder);
    List<FileStatus> statuses = new ArrayList<>();
    try {
      for (FileStatus status : filesUnder(root.getFileSystem(hadoopConf), root)) {
        if (isHidden(root, status.getPath())) {
          continue;
        }
        checkLooksLikeParquet(bronzeTable, status);
        statuses.add(status);
      }
    } catch (FileNotFoundException e) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: folder %s does not exist. --bronze must be the DMS"
                  + " target folder (the endpoint's BucketFolder) that holds <schema>/<table>/",
              bronzeTable, folder),
          e);
    } catch (IOException e) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format("Cannot list Bronze table %s in %s: %s", bronzeTable, folder, e),
          e);
    }
    if (statuses.isEmpty()) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: folder %s holds no Parquet files",
              bronzeTable, folder));
    }
    return statuses;
  }

  /**
   * Every file under {@code root}, at any depth. On an object store a recursive {@code listFiles}
   * is one flat, paginated listing, where walking DMS's date folders would cost a request per day.
   * On the local file system, though, {@code listFiles} copies each file's permissions into a
   * {@code LocatedFileStatus}, and Hadoop without its native library reads them by starting a
   * {@code stat} process per file (0.45 s for 45 files); walking the folders with {@code
   * listStatus} takes milliseconds. Spark's own file index avoids that copy for the same reason.
   */
  private static List<FileStatus> filesUnder(FileSystem fileSystem, Path root) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    if (LOCAL_SCHEME.equals(fileSystem.getUri().getScheme())) {
      walk(fileSystem, root, files);
      return files;
    }
    RemoteIterator<LocatedFileStatus> listing = fileSystem.listFiles(root, true);
    while (listing.hasNext()) {
      files.add(listing.next());
    }
    return files;
  }

  private static void walk(FileSystem fileSystem, Path folder, List<FileStatus> files)
      throws IOException {
    for (FileStatus status : fileSystem.listStatus(folder)) {
      if (status.isDirectory()) {
        walk(fileSystem, status.getPath(), files);
      } else {
        files.add(status);
      }
    }
  }

  /** Hadoop's convention, which Spark follows too: names starting with . or _ are not data. */
  private static boolean isHidden(Path root, Path file) {
    for (Path current = file;
        current != null && !current.equals(root) && current.depth() > root.depth();
        current = current.getParent()) {
      String name = current.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static void checkLooksLikeParquet(String bronzeTable, FileStatus status) {
    String path = status.getPath().toString();
    if (!path.endsWith(".parquet")) {
      // Ignoring it could silently drop events (a CSV endpoint, a copy gone wrong): refuse.
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: %s is not a Parquet file (its name does not end in"
                  + " .parquet). Move it out of the DMS folder or fix the endpoint's format",
              bronzeTable, path));
    }
    if (status.getLen() == 0) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: %s is empty (0 bytes), so it was cut short; DMS"
                  + " never writes empty files",
              bronzeTable, path));
    }
  }

  private static List<BronzeFile> readFooters(
      String bronzeTable,
      List<FileStatus> statuses,
      Configuration hadoopConf,
      ParquetToSparkSchemaConverter converter) {
    ExecutorService pool =
        NamedThreads.fixedPool(
            "footers", Math.max(1, Math.min(FOOTER_READ_THREADS, statuses.size())));
    try {
      List<Future<BronzeFile>> footers = new ArrayList<>();
      for (FileStatus status : statuses) {
        footers.add(pool.submit(() -> readFooter(bronzeTable, status, hadoopConf, converter)));
      }
      List<BronzeFile> files = new ArrayList<>();
      for (Future<BronzeFile> footer : footers) {
        files.add(footer.get());
      }
      return files;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SilverException) {
        throw (SilverException) e.getCause();
      }
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          "Cannot read Bronze table " + bronzeTable + ": " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT, "Interrupted reading Bronze table " + bronzeTable, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static BronzeFile readFooter(
      String bronzeTable,
      FileStatus status,
      Configuration hadoopConf,
      ParquetToSparkSchemaConverter converter) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromStatus(status, hadoopConf))) {
      ParquetMetadata footer = reader.getFooter();
      StructType schema = converter.convert(footer.getFileMetaData().getSchema());
      String path = status.getPath().toString();
      return new BronzeFile(
          path,
          status.getLen(),
          schema,
          reader.getRecordCount(),
          FooterRanges.of(footer),
          FooterRanges.holdsDeletes(footer),
          status.getModificationTime());
    } catch (IOException | RuntimeException e) {
      throw new SilverException(
          SilverException.Kind.BRONZE_INPUT,
          String.format(
              "Cannot read Bronze table %s: %s is not readable Parquet (%s)",
              bronzeTable, status.getPath(), e.getMessage()),
          e);
    }
  }
}
