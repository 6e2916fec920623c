package dev.dmssilver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contract;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.lakehouse.CatalogSettings;
import dev.dmssilver.lakehouse.QuarantineTable;
import dev.dmssilver.lakehouse.SilverTables;
import dev.dmssilver.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Athena DDL in ddl/, the contracts in jobs/, the Iceberg tables the jobs create and the dbt
 * sources must describe the same seven tables: same columns in the same order, same types, same
 * partitioning, keys tested. Drift in any of them fails the build here.
 */
class DdlConsistencyTest {
  private static final Path ROOT = Paths.get(System.getProperty("user.dir"));
  private static final Pattern CREATE =
      Pattern.compile(
          "CREATE TABLE \\$\\{database\\}\\.(\\w+) \\((.*?)\\n\\)\\s*(?:PARTITIONED BY \\(([^\\n]*)\\))?",
          Pattern.DOTALL);
  private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+) ([a-z0-9(),<>]+?),?$");

  @TempDir Path folder;

  @Test
  void everyTableHasOneDdlFileAndOneDbtSource() throws Exception {
    Set<String> tables = new TreeSet<>(Contracts.fromDirectory(ROOT.resolve("jobs")).tables());
    tables.add(QuarantineTable.NAME);

    Set<String> ddlFiles = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(ROOT.resolve("ddl"), "*.sql")) {
      for (Path file : files) {
        ddlFiles.add(file.getFileName().toString().replace(".sql", ""));
      }
    }
    Set<String> dbtTables = new TreeSet<>();
    for (JsonNode table : dbtSource().get("tables")) {
      dbtTables.add(table.get("name").asText());
    }
    assertThat(ddlFiles).isEqualTo(tables);
    assertThat(dbtTables).isEqualTo(tables);
  }

  @Test
  void theDdlMatchesTheContractsAndTheTablesTheJobsCreate() throws Exception {
    Contracts contracts = Contracts.fromDirectory(ROOT.resolve("jobs"));
    List<String> ddl = new ArrayList<>();
    List<String> fromContracts = new ArrayList<>();
    List<String> created = new ArrayList<>();
    List<Table> tables = createTables(contracts);
    for (Table table : tables) {
      String name = table.name().substring(table.name().lastIndexOf('.') + 1);
      ddl.add(describeDdl(name));
      created.add(describe(name, table));
      if (!name.equals(QuarantineTable.NAME)) {
        fromContracts.add(describe(contracts.get(name)));
      }
    }
    assertThat(ddl).isEqualTo(created);
    assertThat(ddl.subList(0, ddl.size() - 1)).isEqualTo(fromContracts);
  }

  @Test
  void aColumnAddedToAContractButNotToTheDdlIsCaught() throws Exception {
    Path jobs = Files.createDirectories(folder.resolve("jobs"));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(ROOT.resolve("jobs"), "*.yaml")) {
      for (Path file : files) {
        Files.copy(file, jobs.resolve(file.getFileName()));
      }
    }
    Path orders = jobs.resolve("fact_orders.yaml");
    String contract = new String(Files.readAllBytes(orders), StandardCharsets.UTF_8);
    Files.write(
        orders,
        contract
            .replace("  updated_at: timestamp\n", "  updated_at: timestamp\n  channel: string\n")
            .getBytes(StandardCharsets.UTF_8));

    Contract changed = Contracts.fromDirectory(jobs).get("fact_orders");

    assertThat(describe(changed))
        .isNotEqualTo(describeDdl("fact_orders"))
        .contains("channel string");
  }

  @Test
  void dbtDeclaresEveryDdlColumnInOrderAndTestsEveryKey() throws Exception {
    Contracts contracts = Contracts.fromDirectory(ROOT.resolve("jobs"));
    for (JsonNode table : dbtSource().get("tables")) {
      String name = table.get("name").asText();
      List<String> columns = new ArrayList<>();
      for (JsonNode column : table.get("columns")) {
        columns.add(column.get("name").asText());
        assertThat(column.path("description").asText()).as(name + "." + columns).isNotBlank();
      }
      assertThat(columns).as(name).isEqualTo(ddlColumnNames(name));
      if (name.equals(QuarantineTable.NAME)) {
        continue;
      }
      for (String key : contracts.get(name).key()) {
        JsonNode column = columnOf(table, key);
        List<String> tests = new ArrayList<>();
        column.get("data_tests").forEach(test -> tests.add(test.asText()));
        assertThat(tests).as(name + "." + key).contains("unique", "not_null");
      }
    }
  }

  private static JsonNode columnOf(JsonNode table, String name) {
    for (JsonNode column : table.get("columns")) {
      if (column.get("name").asText().equals(name)) {
        return column;
      }
    }
    throw new AssertionError("dbt source " + table.get("name") + " has no column " + name);
  }

  private static JsonNode dbtSource() throws IOException {
    JsonNode sources = new YAMLMapper().readTree(ROOT.resolve("ddl/dbt/sources.yml").toFile());
    assertThat(sources.get("sources")).hasSize(1);
    return sources.get("sources").get(0);
  }

  private List<Table> createTables(Contracts contracts) {
    SparkSession spark = TestSpark.session();
    CatalogSettings catalog = TestSpark.newLakehouse(folder.resolve("warehouse"));
    SilverTables silver = new SilverTables(spark, catalog);
    silver.ensureDatabase();
    List<Table> tables = new ArrayList<>();
    for (Contract contract : contracts.all()) {
      silver.ensure(contract);
      tables.add(silver.find(contract.table()).orElseThrow());
    }
    new QuarantineTable(spark, catalog).ensure();
    tables.add(silver.find(QuarantineTable.NAME).orElseThrow());
    return tables;
  }

  /** "table: column type, ...; partitioned by transform(column)" from ddl/TABLE.sql. */
  private static String describeDdl(String table) throws IOException {
    String text =
        new String(
            Files.readAllBytes(ROOT.resolve("ddl/" + table + ".sql")), StandardCharsets.UTF_8);
    Matcher create = CREATE.matcher(text);
    assertThat(create.find()).as("CREATE TABLE in ddl/" + table + ".sql").isTrue();
    assertThat(create.group(1)).isEqualTo(table);
    assertThat(text).contains("'table_type' = 'ICEBERG'", "'format' = 'parquet'");
    List<String> columns = new ArrayList<>();
    for (String line : create.group(2).split("\n")) {
      Matcher column = COLUMN.matcher(line);
      if (column.matches()) {
        columns.add(column.group(1) + " " + column.group(2));
      }
    }
    String partition = create.group(3) == null ? "none" : create.group(3).trim();
    return table + ": " + String.join(", ", columns) + "; partitioned by " + partition;
  }

  private static List<String> ddlColumnNames(String table) throws IOException {
    List<String> names = new ArrayList<>();
    String description = describeDdl(table);
    String columns = description.substring(description.indexOf(": ") + 2, description.indexOf(";"));
    for (String column : columns.split(", (?=[a-z_]+ )")) {
      names.add(column.substring(0, column.indexOf(' ')));
    }
    return names;
  }

  private static String describe(Contract contract) {
    List<String> columns = new ArrayList<>();
    for (ColumnSpec column : contract.silverColumns()) {
      columns.add(column.name() + " " + athenaType(column));
    }
    String partition =
        contract
            .partition()
            .map(field -> field.icebergTransform() + "(" + field.column() + ")")
            .orElse("none");
    return contract.table() + ": " + String.join(", ", columns) + "; partitioned by " + partition;
  }

  private static String describe(String name, Table table) {
    List<String> columns = new ArrayList<>();
    for (Types.NestedField field : table.schema().columns()) {
      columns.add(field.name() + " " + athenaType(field.type()));
    }
    List<String> partitions = new ArrayList<>();
    for (PartitionField field : table.spec().fields()) {
      String source = table.schema().findColumnName(field.sourceId());
      String transform = field.transform().toString();
      partitions.add(transform.equals("identity") ? source : transform + "(" + source + ")");
    }
    return name
        + ": "
        + String.join(", ", columns)
        + "; partitioned by "
        + (partitions.isEmpty() ? "none" : String.join(", ", partitions));
  }

  /**
   * A contract column's type as Athena names it. Spark 3.3's timestamp is an instant: Iceberg's
   * timestamptz, which Athena shows as timestamptz (its timestamp has no time zone).
   */
  private static String athenaType(ColumnSpec column) {
    DataType type = column.type().sparkType();
    if (type.equals(DataTypes.TimestampType)) {
      return "timestamptz";
    }
    return column.type().sqlName().toLowerCase(Locale.ROOT);
  }

  private static String athenaType(Type type) {
    switch (type.typeId()) {
      case LONG:
        return "bigint";
      case INTEGER:
        return "int";
      case STRING:
        return "string";
      case DATE:
        return "date";
      case TIMESTAMP:
        // Exactly: a UTC-adjusted timestamp is Athena's timestamptz, a plain one its timestamp.
        return ((Types.TimestampType) type).shouldAdjustToUTC() ? "timestamptz" : "timestamp";
      case BOOLEAN:
        return "boolean";
      case DOUBLE:
        return "double";
      case FLOAT:
        return "float";
      case DECIMAL:
        Types.DecimalType decimal = (Types.DecimalType) type;
        return "decimal(" + decimal.precision() + "," + decimal.scale() + ")";
      case LIST:
        return "array<" + athenaType(type.asListType().elementType()) + ">";
      default:
        return type.toString();
    }
  }
}
