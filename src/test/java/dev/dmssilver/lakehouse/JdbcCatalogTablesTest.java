package dev.dmssilver.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class JdbcCatalogTablesTest {
  @Test
  void anotherProcessSettingUpTheSameSqliteCatalogIsARaceToRetry() {
    assertThat(raceOn(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)).isTrue();
    assertThat(raceOn(SQLiteErrorCode.SQLITE_BUSY)).isTrue();
    assertThat(raceOn(SQLiteErrorCode.SQLITE_LOCKED)).isTrue();
  }

  @Test
  void tablesAnotherProcessJustCreatedAreARaceToRetry() {
    assertThat(
            JdbcCatalogTables.isRaceWithAnotherProcess(
                new RuntimeException(
                    "Failed to create table",
                    new IllegalStateException("table iceberg_tables already exists"))))
        .isTrue();
  }

  /** Seen in CI: two runs on one new SQLite catalog, both upgrading it to Iceberg's V1 schema. */
  @Test
  void aColumnAnotherProcessJustAddedIsARaceToRetry() {
    assertThat(
            JdbcCatalogTables.isRaceWithAnotherProcess(
                new RuntimeException(
                    "Failed to initialize the catalog",
                    new SQLiteException(
                        "[SQLITE_ERROR] SQL error or missing database (duplicate column name:"
                            + " iceberg_type)",
                        SQLiteErrorCode.SQLITE_ERROR))))
        .isTrue();
  }

  @Test
  void aCatalogThatCannotBeOpenedOrReachedIsNot() {
    assertThat(raceOn(SQLiteErrorCode.SQLITE_CANTOPEN)).isFalse();
    assertThat(raceOn(SQLiteErrorCode.SQLITE_READONLY)).isFalse();
    assertThat(
            JdbcCatalogTables.isRaceWithAnotherProcess(
                new RuntimeException("Connection refused: db.example.com:5432")))
        .isFalse();
  }

  private static boolean raceOn(SQLiteErrorCode code) {
    return JdbcCatalogTables.isRaceWithAnotherProcess(
        new RuntimeException(
            "Failed to initialize the catalog", new SQLiteException("[" + code + "]", code)));
  }
}
