package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.local.template.Intrinsic;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.Resource;
import dev.lumen.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Guards the template's monitoring: a dead-letter queue nobody is told about is a silent data
 * loss, so every DLQ must have an alarm on its depth that notifies the alarm topic; the dashboard
 * must show every DLQ; the functions must trace and log JSON.
 */
class ObservabilityTemplateTest {
    private final SamTemplate template = SamTemplate.load(TemplateModelTest.PROJECT_TEMPLATE);

    @Test
    void every_dead_letter_queue_has_an_alarm_on_messages_waiting_that_notifies_the_alarm_topic() {
        assertThat(deadLetterQueues(template)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(unwatchedDeadLetterQueues(template)).as("DLQs without a notifying depth alarm").isEmpty();
    }

    @Test
    void the_guard_names_a_dead_letter_queue_whose_alarm_is_removed() throws IOException {
        // GIVEN the project's template without the ingest DLQ's alarm
        String yaml = Files.readString(TemplateModelTest.PROJECT_TEMPLATE);
        int start = yaml.indexOf("\n  IngestDeadLetterAlarm:\n");
        int end = yaml.indexOf("\n\n", start + 1);
        assertThat(start).isPositive();
        SamTemplate without = SamTemplate.parse(yaml.substring(0, start) + yaml.substring(end), "mutated");

        // THEN
        assertThat(unwatchedDeadLetterQueues(without)).containsExactly("IngestDeadLetterQueue");
    }

    private static List<String> deadLetterQueues(SamTemplate template) {
        return template.queues().stream().map(QueueSpec::deadLetterQueue).flatMap(Optional::stream).distinct().toList();
    }

    /** DLQs with no alarm on ApproximateNumberOfMessagesVisible > 0 that notifies LumenAlarmTopic. */
    static List<String> unwatchedDeadLetterQueues(SamTemplate template) {
        return deadLetterQueues(template).stream().filter(dlq -> template.resources("AWS::CloudWatch::Alarm").stream()
                .noneMatch(alarm -> watchesQueue(alarm, dlq)
                        && "ApproximateNumberOfMessagesVisible".equals(alarm.properties().get("MetricName"))
                        && "GreaterThanThreshold".equals(alarm.properties().get("ComparisonOperator"))
                        && alarm.properties().get("Threshold") instanceof Number threshold && threshold.doubleValue() == 0
                        && notifiesTopic(alarm))).toList();
    }

    @Test
    void every_alarm_notifies_the_alarm_topic() {
        List<Resource> alarms = template.resources("AWS::CloudWatch::Alarm");

        assertThat(alarms).extracting(Resource::logicalId)
                .contains("LumenErrorRateAlarm", "LumenLatencyP99Alarm", "LumenBudgetNearLimitAlarm",
                        "LumenInvocationErrorsAlarm");
        for (Resource alarm : alarms) {
            assertThat(notifiesTopic(alarm)).as(alarm.logicalId() + " notifies LumenAlarmTopic").isTrue();
        }
    }

    /**
     * The budget alarm watches every budget the functions report ({@code BudgetGauge.Budget}: user,
     * creator and agent, daily and monthly), and the invocation alarm every kind of non-API
     * invocation ({@code Invocation.Kind}): a budget or kind added in code without its alarm fails here.
     */
    @Test
    void the_budget_and_invocation_alarms_cover_every_budget_and_every_kind_the_code_reports() {
        Resource dashboard = template.resources("AWS::CloudWatch::Dashboard").stream().findFirst().orElseThrow();
        String body = String.valueOf(dashboard.properties().get("DashboardBody"));
        List<String> budgets = java.util.Arrays.stream(dev.lumen.functions.observability.BudgetGauge.Budget.values())
                .map(dev.lumen.functions.observability.BudgetGauge.Budget::dimension).toList();
        List<String> kinds = java.util.Arrays.stream(dev.lumen.functions.observability.Invocation.Kind.values())
                .map(dev.lumen.functions.observability.Invocation.Kind::dimension).toList();

        assertThat(summed(alarm("LumenBudgetNearLimitAlarm"), "BudgetUse", "Budget")).containsExactlyInAnyOrderElementsOf(budgets);
        assertThat(summed(alarm("LumenInvocationErrorsAlarm"), "Errors", "Kind")).containsExactlyInAnyOrderElementsOf(kinds);
        for (String budget : budgets) {
            assertThat(body).as("dashboard shows budget " + budget).contains("\"" + budget + "\"");
        }
    }

    private Resource alarm(String logicalId) {
        return template.resources("AWS::CloudWatch::Alarm").stream().filter(a -> a.logicalId().equals(logicalId))
                .findFirst().orElseThrow();
    }

    /**
     * The {@code dimension} values of the alarm's {@code metric} queries that its returned
     * expression uses: a query the expression leaves out does not count.
     */
    private static List<String> summed(Resource alarm, String metric, String dimension) {
        List<?> queries = (List<?>) alarm.properties().get("Metrics");
        String expression = queries.stream().map(q -> (Map<?, ?>) q).filter(q -> q.get("Expression") != null)
                .filter(q -> !Boolean.FALSE.equals(q.get("ReturnData"))).map(q -> String.valueOf(q.get("Expression")))
                .findFirst().orElseThrow();
        List<String> values = new java.util.ArrayList<>();
        for (Object query : queries) {
            Map<?, ?> q = (Map<?, ?>) query;
            if (!(q.get("MetricStat") instanceof Map<?, ?> stat) || !(stat.get("Metric") instanceof Map<?, ?> m)
                    || !metric.equals(m.get("MetricName"))
                    || !java.util.regex.Pattern.compile("\\b" + q.get("Id") + "\\b").matcher(expression).find()) {
                continue;
            }
            for (Object d : (List<?>) m.get("Dimensions")) {
                Map<?, ?> dim = (Map<?, ?>) d;
                if (dimension.equals(dim.get("Name"))) {
                    values.add(String.valueOf(dim.get("Value")));
                }
            }
        }
        return values;
    }

    @Test
    void the_dashboard_shows_every_dead_letter_queue_and_the_emf_metrics() {
        Resource dashboard = template.resources("AWS::CloudWatch::Dashboard").stream().findFirst().orElseThrow();
        String body = String.valueOf(dashboard.properties().get("DashboardBody"));

        for (String dlq : template.queues().stream().map(QueueSpec::deadLetterQueue).flatMap(Optional::stream).toList()) {
            assertThat(body).as("dashboard shows " + dlq).contains("${" + dlq + ".QueueName}");
        }
        assertThat(body).contains("\"Latency\"", "\"Errors5xx\"", "\"Errors4xx\"", "InputTokens", "OutputTokens",
                "CostUsd", "Escalations", "QueueLag", "BudgetUse", "p99", "p50");
    }

    @Test
    void functions_trace_with_xray_and_log_json_through_the_provider_in_the_jar() throws IOException {
        String yaml = Files.readString(TemplateModelTest.PROJECT_TEMPLATE);
        String globals = yaml.substring(yaml.indexOf("\nGlobals:\n"), yaml.indexOf("\nResources:\n"));

        assertThat(globals).contains("    Tracing: Active");
        for (Resource function : template.resources("AWS::Serverless::Function")) {
            Object tracing = function.properties().get("Tracing");
            assertThat(tracing == null || "Active".equals(tracing)).as(function.logicalId() + " keeps tracing active").isTrue();
        }
        assertThat(String.valueOf(template.globalEnvironment().get("JAVA_TOOL_OPTIONS")))
                .contains("-Dslf4j.provider=" + dev.lumen.functions.observability.JsonLogProvider.class.getName());
    }

    private static boolean watchesQueue(Resource alarm, String queue) {
        Object dimensions = alarm.properties().get("Dimensions");
        if (!(dimensions instanceof List<?> list)) {
            return false;
        }
        for (Object dimension : list) {
            if (dimension instanceof Map<?, ?> map && "QueueName".equals(map.get("Name"))
                    && map.get("Value") instanceof Intrinsic value && "Fn::GetAtt".equals(value.function())
                    && value.argument() instanceof List<?> args && queue.equals(args.get(0))) {
                return true;
            }
        }
        return false;
    }

    private static boolean notifiesTopic(Resource alarm) {
        Object actions = alarm.properties().get("AlarmActions");
        return actions instanceof List<?> list && list.stream()
                .anyMatch(a -> a instanceof Intrinsic ref && "Ref".equals(ref.function()) && "LumenAlarmTopic".equals(ref.argument()));
    }
}
