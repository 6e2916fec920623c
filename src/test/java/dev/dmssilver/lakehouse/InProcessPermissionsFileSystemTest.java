package dev.dmssilver.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.TestSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hadoop's local file system with permissions set in-process: same files, same permissions. */
class InProcessPermissionsFileSystemTest {
  @TempDir Path folder;

  @Test
  void localSparkSessionsOpenFilePathsWithIt() throws IOException {
    Configuration conf = TestSpark.session().sparkContext().hadoopConfiguration();
    try (FileSystem fileSystem = FileSystem.newInstance(URI.create("file:///"), conf)) {
      assertThat(fileSystem).isInstanceOf(InProcessPermissionsFileSystem.class);
    }
    assertThat(SparkSessions.localProperties(4))
        .containsEntry("spark.hadoop.fs.file.impl", InProcessPermissionsFileSystem.class.getName());
  }

  @Test
  void filesAndFoldersGetThePermissionsAskedForAndFilesKeepTheirChecksums() throws IOException {
    try (FileSystem fileSystem = newFileSystem()) {
      org.apache.hadoop.fs.Path subfolder = hadoopPath(folder.resolve("a/b"));
      assertThat(fileSystem.mkdirs(subfolder, new FsPermission((short) 0750))).isTrue();
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(subfolder, "data.parquet");
      try (FSDataOutputStream out =
          fileSystem.create(
              file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
        out.write("rows".getBytes(StandardCharsets.UTF_8));
      }

      assertThat(permissionsOf(folder.resolve("a/b"))).isEqualTo("rwxr-x---");
      assertThat(permissionsOf(folder.resolve("a/b/data.parquet"))).isEqualTo("rw-r-----");
      assertThat(folder.resolve("a/b/.data.parquet.crc")).exists();
      try (java.io.InputStream in = fileSystem.open(file)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rows");
      }

      fileSystem.setPermission(file, new FsPermission((short) 0600));
      assertThat(permissionsOf(folder.resolve("a/b/data.parquet"))).isEqualTo("rw-------");
    }
  }

  @Test
  void theStickyBitIsLeftToHadoopsOwnWay() throws IOException {
    try (FileSystem fileSystem = newFileSystem()) {
      org.apache.hadoop.fs.Path shared = hadoopPath(folder.resolve("shared"));
      fileSystem.mkdirs(shared);

      fileSystem.setPermission(shared, new FsPermission((short) 01777));

      assertThat(fileSystem.getFileStatus(shared).getPermission().getStickyBit()).isTrue();
      assertThat(permissionsOf(folder.resolve("shared"))).isEqualTo("rwxrwxrwx");
    }
  }

  private static FileSystem newFileSystem() throws IOException {
    Configuration conf = new Configuration(false);
    InProcessPermissionsFileSystem.hadoopProperties().forEach(conf::set);
    FileSystem fileSystem = FileSystem.newInstance(URI.create("file:///"), conf);
    assertThat(fileSystem).isInstanceOf(InProcessPermissionsFileSystem.class);
    return fileSystem;
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }

  private static String permissionsOf(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
