package dev.dmssilver.job;

import dev.dmssilver.Causes;
import dev.dmssilver.SilverException;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.ObjectStoreSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks, before any job starts, that the catalog answers, that the Bronze folder exists, and that
 * S3 (warehouse and Bronze) can be reached with the credentials at hand. A wrong endpoint, wrong
 * credentials, a missing bucket or a catalog that does not connect then stops the run in seconds
 * with a message that names the endpoint or URL, and nothing is written. Each check is one metadata
 * call, never a data read.
 */
public final class Preflight {
  private static final String MISSING_BUCKET = "the bucket does not exist";

  private Preflight() {}

  public static void check(SparkSession spark, RunSettings settings) {
    checkCatalog(spark, settings.catalog());
    if (settings.catalog().isS3Warehouse()) {
      checkWarehouse(settings.catalog());
    }
    if (ObjectStoreSettings.isS3(settings.bronze().root())) {
      checkBronze(spark, settings.bronze().root(), settings.catalog().objectStore());
    } else {
      checkLocalBronze(settings.bronze().root());
    }
  }

  private static void checkLocalBronze(String root) {
    java.nio.file.Path folder =
        Paths.get(root.startsWith("file:") ? URI.create(root).getPath() : root);
    if (!Files.isDirectory(folder)) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          String.format(
              "Cannot use the Bronze %s: %s; --bronze must be the DMS target folder"
                  + " (BucketFolder)",
              root, Files.exists(folder) ? "it is a file, not a folder" : "no such folder"));
    }
  }

  /** Initializes the catalog by listing its namespaces. */
  public static void checkCatalog(SparkSession spark, CatalogSettings catalog) {
    try {
      spark.sql("SHOW NAMESPACES IN " + catalog.catalogName()).collectAsList();
    } catch (Exception e) {
      // Spark throws checked exceptions undeclared, so catch Exception.
      throw catalog.cannotConnect(e);
    }
  }

  private static void checkWarehouse(CatalogSettings catalog) {
    String where = catalog.objectStore().describe();
    S3FileIO io = new S3FileIO();
    try {
      io.initialize(catalog.objectStore().icebergProperties());
      Iterator<FileInfo> listing = io.listPrefix(catalog.warehouse() + "/").iterator();
      if (listing.hasNext()) {
        listing.next();
      }
    } catch (NoSuchBucketException e) {
      throw storageProblem("warehouse", catalog.warehouse(), where, "the bucket does not exist", e);
    } catch (S3Exception e) {
      throw storageProblem(
          "warehouse",
          catalog.warehouse(),
          where,
          describe(
              e.statusCode(),
              e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode(),
              "s3:ListBucket on "
                  + bucketArn(catalog.warehouse())
                  + " (and s3:GetObject,"
                  + " s3:PutObject, s3:DeleteObject on its objects)"),
          e);
    } catch (SdkClientException e) {
      throw notAnswered("warehouse", catalog.warehouse(), where, e);
    } finally {
      io.close();
    }
  }

  private static void checkBronze(
      SparkSession spark, String root, ObjectStoreSettings objectStore) {
    String where = objectStore.describe();
    Path path = new Path(root);
    try {
      FileSystem fileSystem = path.getFileSystem(spark.sessionState().newHadoopConf());
      fileSystem.getFileStatus(path);
    } catch (AccessDeniedException e) {
      throw storageProblem(
          "Bronze",
          root,
          where,
          describe(
              403,
              null,
              "s3:ListBucket on " + bucketArn(root) + " and s3:GetObject on " + objectArn(root)),
          e);
    } catch (FileNotFoundException e) {
      String why =
          e.getClass().getSimpleName().equals("UnknownStoreException")
              ? MISSING_BUCKET
              : "nothing is stored there; --bronze must be the DMS target folder (BucketFolder)";
      throw storageProblem("Bronze", root, where, why, e);
    } catch (IOException | RuntimeException e) {
      throw notAnswered("Bronze", root, where, e);
    }
  }

  /**
   * @param needed the actions and resources the refused request needs, as IAM names them
   */
  private static String describe(int statusCode, String errorCode, String needed) {
    if (statusCode == 403) {
      return "access denied"
          + (errorCode == null ? "" : " (" + errorCode + ")")
          + "; check the AWS credentials (environment, profile or role) and that they allow "
          + needed;
    }
    return "S3 answered " + statusCode + (errorCode == null ? "" : " " + errorCode);
  }

  /** {@code arn:aws:s3:::bucket} of an s3:// URI. */
  private static String bucketArn(String uri) {
    String rest = uri.substring(uri.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return "arn:aws:s3:::" + (slash < 0 ? rest : rest.substring(0, slash));
  }

  /** {@code arn:aws:s3:::bucket/prefix*} of an s3:// URI. */
  private static String objectArn(String uri) {
    return "arn:aws:s3:::" + uri.substring(uri.indexOf("://") + 3) + "*";
  }

  /**
   * A failure that is no plain S3 refusal: no region or credentials, a bucket S3 says is missing
   * (S3A reports it as a bad request), or no connection at all, which is the one to try again.
   */
  private static SilverException notAnswered(String what, String uri, String where, Throwable e) {
    String message = String.valueOf(Causes.root(e).getMessage());
    String why;
    if (message.contains("Unable to load region")) {
      why = "no AWS region is configured; pass --region or set AWS_REGION";
    } else if (message.contains("Unable to load credentials")
        || message.contains("No AWS Credentials")) {
      why = "no AWS credentials found (environment, profile or role)";
    } else if (message.contains("NoSuchBucket")) {
      why = MISSING_BUCKET;
    } else {
      why = "cannot reach it: " + message;
    }
    return storageProblem(what, uri, where, why, e);
  }

  /**
   * A store that cannot be reached is UNAVAILABLE (try again later); one that answers with a
   * refusal, a missing bucket or an empty prefix is CONFIGURATION (fix the settings or the role).
   */
  private static SilverException storageProblem(
      String what, String uri, String where, String why, Throwable cause) {
    return new SilverException(
        SilverException.Kind.unreachableOr(SilverException.Kind.CONFIGURATION, cause),
        String.format("Cannot use the %s %s at %s: %s", what, uri, where, why),
        cause);
  }
}
