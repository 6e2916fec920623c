package dev.dmssilver.testing;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job role's policy as {@code infra/iam.tf} declares it, rendered for one deployment (the
 * references replaced by values), and judged as IAM would: an action on a resource is allowed when
 * some statement names the action and the resource (wildcards {@code *} and {@code ?}) and its
 * conditions hold for the request's condition keys.
 */
public final class IamPolicy {
  private static final Pattern UNRESOLVED =
      Pattern.compile("\\b(var|local|data|aws_[a-z0-9_]+)\\.[a-z0-9_.]+");

  private final List<Statement> statements;

  private IamPolicy(List<Statement> statements) {
    this.statements = statements;
  }

  /**
   * Reads {@code aws_iam_policy_document.<document>} from {@code file}; {@code values} maps each
   * Terraform reference (var.bronze_bucket, data.aws_partition.current.partition, ...) to its
   * value. A reference left without one fails: the rendered policy must be complete.
   */
  @SuppressWarnings("unchecked")
  public static IamPolicy render(Path file, String document, Map<String, String> values)
      throws Exception {
    Map<String, Object> parsed =
        new HCLParser().parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    Map<String, Object> documents =
        (Map<String, Object>)
            ((Map<String, Object>) parsed.get("data")).get("aws_iam_policy_document");
    Map<String, Object> policy = (Map<String, Object>) documents.get(document);
    List<Statement> statements = new ArrayList<>();
    for (Map<String, Object> statement : blocks(policy.get("statement"))) {
      Map<String, List<String>> conditions = new LinkedHashMap<>();
      for (Map<String, Object> condition : blocks(statement.get("condition"))) {
        conditions.put(
            condition.get("test") + " " + rendered(condition.get("variable"), values).get(0),
            rendered(condition.get("values"), values));
      }
      statements.add(
          new Statement(
              String.valueOf(statement.get("sid")),
              rendered(statement.get("actions"), values),
              rendered(statement.get("resources"), values),
              conditions));
    }
    return new IamPolicy(statements);
  }

  /** Why the call is refused, or null if every resource it needs is allowed. */
  public String refusal(RecordedCall call) {
    for (String resource : call.resources()) {
      boolean allowed = false;
      for (Statement statement : statements) {
        allowed |= statement.allows(call.action(), resource, call.conditions());
      }
      if (!allowed) {
        return call.action() + " on " + resource + " " + call.conditions();
      }
    }
    return null;
  }

  /** Every action the policy names, for the difference with what was used. */
  public List<String> actions() {
    List<String> actions = new ArrayList<>();
    for (Statement statement : statements) {
      actions.addAll(statement.actions);
    }
    return actions;
  }

  private static List<String> rendered(Object value, Map<String, String> values) {
    List<String> rendered = new ArrayList<>();
    Collection<?> items = value instanceof Collection ? (Collection<?>) value : List.of(value);
    for (Object item : items) {
      String text = String.valueOf(item);
      for (Map.Entry<String, String> reference : values.entrySet()) {
        text = text.replace(reference.getKey(), reference.getValue());
      }
      Matcher unresolved = UNRESOLVED.matcher(text);
      if (unresolved.find()) {
        throw new IllegalArgumentException("No value for " + unresolved.group() + " in " + text);
      }
      rendered.add(text);
    }
    return rendered;
  }

  /** HCL blocks as hcl4j gives them: one block is a map, several a list of maps. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> blocks(Object blocks) {
    List<Map<String, Object>> list = new ArrayList<>();
    if (blocks instanceof Map) {
      list.add((Map<String, Object>) blocks);
    } else if (blocks instanceof Collection) {
      for (Object block : (Collection<?>) blocks) {
        list.add((Map<String, Object>) block);
      }
    }
    return list;
  }

  private static boolean matches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return value.matches(regex.toString());
  }

  private static final class Statement {
    final String sid;
    final List<String> actions;
    final List<String> resources;
    final Map<String, List<String>> conditions;

    Statement(
        String sid,
        List<String> actions,
        List<String> resources,
        Map<String, List<String>> conditions) {
      this.sid = sid;
      this.actions = actions;
      this.resources = resources;
      this.conditions = conditions;
    }

    boolean allows(String action, String resource, Map<String, String> context) {
      if (actions.stream().noneMatch(pattern -> matches(pattern, action))
          || resources.stream().noneMatch(pattern -> matches(pattern, resource))) {
        return false;
      }
      for (Map.Entry<String, List<String>> condition : conditions.entrySet()) {
        String[] testAndKey = condition.getKey().split(" ", 2);
        String actual = context.get(testAndKey[1]);
        boolean like = testAndKey[0].equals("StringLike");
        if (actual == null
            || condition.getValue().stream()
                .noneMatch(value -> like ? matches(value, actual) : value.equals(actual))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return sid;
    }
  }
}
