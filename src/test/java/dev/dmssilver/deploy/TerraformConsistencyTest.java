package dev.dmssilver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dmssilver.contract.ColumnSpec;
import dev.dmssilver.contract.Contracts;
import dev.dmssilver.testing.IamPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of infra/ without AWS or a terraform binary: every file parses as HCL, every
 * reference resolves, the Glue jobs are exactly the definitions in jobs/glue/ (one per contract,
 * plus maintenance), and the IAM policy documents hold no wildcard actions, and "*" resources only
 * under a condition. The GitHub workflow adds terraform fmt -check and terraform validate.
 */
@SuppressWarnings("unchecked") // HCL parses into nested maps and lists of Object.
class TerraformConsistencyTest {
  private static final Path ROOT = Paths.get(System.getProperty("user.dir"));
  private static final Path INFRA = ROOT.resolve("infra");
  private static final Pattern RESOURCE_REFERENCE =
      Pattern.compile("(?<![\\w.\"])(aws_[a-z0-9_]+)\\.([a-z0-9_]+)");
  private static final Pattern DATA_REFERENCE =
      Pattern.compile("\\bdata\\.([a-z0-9_]+)\\.([a-z0-9_]+)");
  private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\bvar\\.([a-z0-9_]+)");
  private static final Pattern LOCAL_REFERENCE = Pattern.compile("\\blocal\\.([a-z0-9_]+)");

  private static final Map<Path, Map<String, Object>> PARSED = new LinkedHashMap<>();
  private static String allText;

  @BeforeAll
  static void parseEveryTerraformFile() throws Exception {
    StringBuilder text = new StringBuilder();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(INFRA, "*.tf")) {
      for (Path file : files) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        PARSED.put(file, new HCLParser().parse(content));
        text.append(content).append('\n');
      }
    }
    allText = text.toString();
  }

  @Test
  void everyFileParsesAndDeclaresWhatTheDeploymentNeeds() {
    assertThat(PARSED).hasSizeGreaterThanOrEqualTo(8);
    assertThat(declared("resource"))
        .contains(
            "aws_glue_catalog_database.silver",
            "aws_glue_job.silver",
            "aws_glue_trigger.daily",
            "aws_glue_trigger.weekly",
            "aws_iam_role.glue_jobs",
            "aws_sns_topic.alarms",
            "aws_cloudwatch_dashboard.silver",
            "aws_lakeformation_lf_tag.pii",
            "aws_lakeformation_resource_lf_tags.pii_columns");
    assertThat(declared("resource"))
        .filteredOn(name -> name.startsWith("aws_cloudwatch_metric_alarm."))
        .containsExactlyInAnyOrder(
            "aws_cloudwatch_metric_alarm.data_age",
            "aws_cloudwatch_metric_alarm.empty",
            "aws_cloudwatch_metric_alarm.quarantine_spike",
            "aws_cloudwatch_metric_alarm.full_rebuilds");
  }

  @Test
  void everyReferenceResolves() {
    Set<String> resources = declared("resource");
    Set<String> data = declared("data");
    Set<String> variables = new TreeSet<>(blocks("variable").keySet());
    Set<String> locals = new TreeSet<>();
    for (Map<String, Object> file : PARSED.values()) {
      Object block = file.get("locals");
      if (block instanceof Map) {
        locals.addAll(((Map<String, Object>) block).keySet());
      }
    }
    assertThat(referenced(RESOURCE_REFERENCE)).isSubsetOf(resources);
    assertThat(referenced(DATA_REFERENCE)).isSubsetOf(data);
    assertThat(referenced(VARIABLE_REFERENCE)).isSubsetOf(variables);
    assertThat(referenced(LOCAL_REFERENCE)).isSubsetOf(locals);
    assertThat(variables).as("every variable is used").isSubsetOf(referenced(VARIABLE_REFERENCE));
  }

  @Test
  void theGlueJobsAreExactlyTheDefinitionsInJobsGlueOnePerContractPlusMaintenance()
      throws Exception {
    Set<String> contracts = Contracts.fromDirectory(ROOT.resolve("jobs")).tables();
    Map<String, JsonNode> definitions = new LinkedHashMap<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(ROOT.resolve("jobs/glue"), "*.yaml")) {
      for (Path file : files) {
        definitions.put(
            file.getFileName().toString().replace(".yaml", ""),
            new YAMLMapper().readTree(file.toFile()));
      }
    }
    Set<String> expected = new TreeSet<>(contracts);
    expected.add("maintenance");
    assertThat(new TreeSet<>(definitions.keySet())).isEqualTo(expected);

    for (Map.Entry<String, JsonNode> definition : definitions.entrySet()) {
      JsonNode job = definition.getValue();
      String name = definition.getKey();
      assertThat(job.get("name").asText()).isEqualTo(name);
      assertThat(job.get("glue_version").asText()).as(name).isEqualTo("4.0");
      assertThat(job.get("worker_type").asText()).as(name).matches("G\\.(1|2|4|8)X");
      assertThat(job.get("number_of_workers").asInt()).as(name).isBetween(2, 100);
      assertThat(job.get("timeout_minutes").asInt()).as(name).isBetween(1, 2880);
      // The jar and the script are infra/glue.tf's, per release: a definition naming them would
      // be a key nothing reads.
      assertThat(job.has("jar") || job.has("script")).as(name + ": dead jar/script keys").isFalse();
      Path script = ROOT.resolve("src/main/glue/SilverGlueJob.scala");
      assertThat(new String(Files.readAllBytes(script), StandardCharsets.UTF_8))
          .contains("object " + job.get("main_class").asText() + " ");
      JsonNode arguments = job.get("arguments");
      if (contracts.contains(name)) {
        assertThat(arguments.get("--command").asText()).isEqualTo("run");
        assertThat(arguments.get("--job").asText()).isEqualTo(name);
        assertThat(job.get("schedule").asText()).isEqualTo("daily");
      } else {
        assertThat(arguments.get("--command").asText()).isEqualTo("maintain");
        assertThat(job.get("schedule").asText()).isEqualTo("weekly");
      }
    }
    // Terraform reads the definitions; it never lists the jobs itself.
    assertThat(allText).contains("fileset(local.job_definition_folder, \"*.yaml\")");
    for (String table : contracts) {
      assertThat(allText.replace("dim_customer = [\"email\", \"phone\"]", ""))
          .as("infra/ names " + table)
          .doesNotContain(table);
    }
  }

  @Test
  void iamPolicyDocumentsHaveNoWildcardActionsAndStarResourcesOnlyUnderACondition() {
    Map<String, Object> documents = blocksOf("data", "aws_iam_policy_document");
    assertThat(documents).isNotEmpty();
    for (Map.Entry<String, Object> document : documents.entrySet()) {
      for (Map<String, Object> statement :
          list(((Map<String, Object>) document.getValue()).get("statement"))) {
        List<String> actions = strings(statement.get("actions"));
        assertThat(actions)
            .as(document.getKey() + " actions")
            .isNotEmpty()
            .noneMatch(a -> a.contains("*"));
        List<String> resources = strings(statement.get("resources"));
        // GetDataAccess has no resource-level permissions: "*" is all it takes, and what it yields
        // is bounded by the Lake Formation grants, not by IAM.
        if (resources.contains("*") && !actions.equals(List.of("lakeformation:GetDataAccess"))) {
          assertThat(statement.get("condition"))
              .as(document.getKey() + " " + actions + " on * needs a condition")
              .isNotNull();
        }
        assertThat(resources).noneMatch(r -> r.equals("arn:aws:s3:::*") || r.endsWith(":::*"));
      }
    }
  }

  @Test
  void piiColumnsExistInTheirContracts() {
    Contracts contracts = Contracts.fromDirectory(ROOT.resolve("jobs"));
    List<String> columns =
        contracts.get("dim_customer").silverColumns().stream()
            .map(ColumnSpec::name)
            .collect(Collectors.toList());
    assertThat(columns).contains("email", "phone");
    assertThat(allText).contains("dim_customer = [\"email\", \"phone\"]");
  }

  @Test
  void everyEnvironmentSetsEveryRequiredVariableAndHasABackend() throws Exception {
    Set<String> required = new TreeSet<>();
    for (Map.Entry<String, Object> variable : blocks("variable").entrySet()) {
      if (!((Map<String, Object>) variable.getValue()).containsKey("default")) {
        required.add(variable.getKey());
      }
    }
    for (String environment : new String[] {"dev", "staging", "prod"}) {
      Map<String, Object> values = parsed("env/" + environment + ".tfvars");
      // The build's own two come from the deploy (TF_VAR_job_jar, TF_VAR_release), not a file.
      Set<String> fromFile = new TreeSet<>(required);
      fromFile.removeAll(Set.of("job_jar", "release"));
      assertThat(values.keySet()).as(environment).containsAll(fromFile);
      assertThat(values.get("environment")).isEqualTo(environment);
      Map<String, Object> backend = parsed("env/" + environment + ".backend.hcl");
      assertThat(backend)
          .as(environment + " state: encrypted and locked")
          .containsEntry("encrypt", true)
          .containsEntry("use_lockfile", true);
    }
  }

  /** What the job role must allow for calls the code is known to make (issue 28's defects). */
  @Test
  void theJobRoleAllowsWhatTheCodeCalls() {
    Map<String, Object> role =
        (Map<String, Object>) blocksOf("data", "aws_iam_policy_document").get("glue_jobs");
    Map<String, List<String>> actionsBySid = new LinkedHashMap<>();
    Map<String, List<String>> resourcesBySid = new LinkedHashMap<>();
    for (Map<String, Object> statement : list(role.get("statement"))) {
      actionsBySid.put((String) statement.get("sid"), strings(statement.get("actions")));
      resourcesBySid.put((String) statement.get("sid"), strings(statement.get("resources")));
    }
    // The preflight's SHOW NAMESPACES is GlueCatalog.listNamespaces: glue:GetDatabases.
    assertThat(actionsBySid.get("SilverCatalog")).contains("glue:GetDatabases");
    // S3FileIO aborts a failed multipart upload.
    assertThat(actionsBySid.get("ReadWriteWarehouse")).contains("s3:AbortMultipartUpload");
    // The Bronze preflight HEADs the bare prefix key.
    assertThat(resourcesBySid.get("ReadBronze"))
        .anyMatch(resource -> resource.endsWith(":::var.bronze_bucket/var.bronze_prefix"));
  }

  /** Each release has keys of its own, and the deploy names the one jar CI built, or stops. */
  @Test
  void theJarAndScriptKeysCarryTheReleaseAndTheDeployUsesExactlyTheBuiltJar() throws Exception {
    Map<String, Object> objects = blocksOf("resource", "aws_s3_object");
    for (String object : List.of("job_jar", "glue_script")) {
      assertThat(String.valueOf(((Map<String, Object>) objects.get(object)).get("key")))
          .as(object)
          .contains("var.release");
    }
    for (String environment : List.of("dev", "staging", "prod")) {
      assertThat(parsed("env/" + environment + ".tfvars")).doesNotContainKey("job_jar");
    }
    String workflow =
        new String(
            Files.readAllBytes(ROOT.resolve(".github/workflows/terraform-environment.yml")),
            StandardCharsets.UTF_8);
    assertThat(workflow)
        .doesNotContain("|| true")
        .doesNotContain("SNAPSHOT")
        .contains("TF_VAR_job_jar=")
        .contains("TF_VAR_release=");
  }

  /**
   * The first apply runs before any job has created a table, so column tags wait for
   * silver_tables_exist; enforced Lake Formation registers the warehouse, keeps
   * IAMAllowedPrincipals off new tables and grants the job role; nothing of it exists in the
   * default mode.
   */
  @Test
  void lakeFormationSurvivesTheFirstApplyAndIsWholeWhenEnforced() throws Exception {
    // hcl4j folds conditionals, so the conditions are read from the text.
    assertThat(allText)
        .containsPattern(
            "for_each\\s*=\\s*var\\.silver_tables_exist \\? local\\.pii_columns : \\{\\}");
    Map<String, Object> permissions = blocksOf("resource", "aws_lakeformation_permissions");
    assertThat(permissions)
        .containsKeys("job_role_warehouse", "job_role_database", "job_role_tables");
    assertThat(blocksOf("resource", "aws_lakeformation_resource")).containsKey("warehouse");
    String lakeFormation =
        new String(Files.readAllBytes(INFRA.resolve("lakeformation.tf")), StandardCharsets.UTF_8);
    assertThat(lakeFormation.split("count\\s*=\\s*local\\.lake_formation_enforced \\? 1 : 0", -1))
        .as("the registration and the three grants exist only when enforced")
        .hasSize(5);
    assertThat(allText)
        .contains("dynamic \"create_table_default_permission\"")
        .contains("lakeformation:GetDataAccess");
    Map<String, Object> variables = blocks("variable");
    assertThat(((Map<String, Object>) variables.get("silver_tables_exist")).get("default"))
        .isEqualTo(false);
    assertThat(((Map<String, Object>) variables.get("lake_formation_mode")).get("default"))
        .isEqualTo("iam");
  }

  @Test
  void largeUploadsAreTrackedBySourceHashAndGlueKeepsItsOwnSparkCatalog() {
    // A multipart upload's ETag is no MD5: etag = filemd5(jar) would upload on every apply.
    assertThat(allText)
        .doesNotContainPattern("\\betag\\s*=")
        .containsPattern("source_hash\\s*=\\s*filemd5\\(var.job_jar\\)");
    assertThat(allText).doesNotContain("\"--enable-glue-datacatalog\"");
  }

  private static Map<String, Object> parsed(String infraFile) throws Exception {
    return new HCLParser()
        .parse(new String(Files.readAllBytes(INFRA.resolve(infraFile)), StandardCharsets.UTF_8));
  }

  private static Set<String> referenced(Pattern pattern) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(allText);
    while (matcher.find()) {
      found.add(
          matcher.groupCount() == 2 ? matcher.group(1) + "." + matcher.group(2) : matcher.group(1));
    }
    return found;
  }

  /** "type.name" of every resource or data block. */
  private static Set<String> declared(String kind) {
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, Object> type : blocks(kind).entrySet()) {
      for (String name : ((Map<String, Object>) type.getValue()).keySet()) {
        names.add(type.getKey() + "." + name);
      }
    }
    return names;
  }

  private static Map<String, Object> blocks(String kind) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (Map<String, Object> file : PARSED.values()) {
      Object block = file.get(kind);
      if (block instanceof Map) {
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) block).entrySet()) {
          Object existing = all.get(entry.getKey());
          if (existing instanceof Map && entry.getValue() instanceof Map) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
            merged.putAll((Map<String, Object>) entry.getValue());
            all.put(entry.getKey(), merged);
          } else {
            all.put(entry.getKey(), entry.getValue());
          }
        }
      }
    }
    return all;
  }

  private static Map<String, Object> blocksOf(String kind, String type) {
    Object typed = blocks(kind).get(type);
    return typed instanceof Map ? (Map<String, Object>) typed : new LinkedHashMap<>();
  }

  private static List<Map<String, Object>> list(Object blocks) {
    return IamPolicy.blocks(blocks);
  }

  private static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof Collection) {
      for (Object item : (Collection<?>) value) {
        strings.add(String.valueOf(item));
      }
    } else if (value != null) {
      strings.add(String.valueOf(value));
    }
    return strings;
  }
}
