package dev.lumen.domain.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects one cycle's findings, giving each the id {@code {runId}-f{n}} in the order found (so a
 * redelivered cycle over the same data produces the same ids) and keeping at most {@code max}: an
 * agent that finds the same thing in ten thousand messages reports the first ones and how many more.
 */
public final class CycleFindings {
    private final AgentType agent;
    private final CycleContext context;
    private final FindingKind kind;
    private final int max;
    private final List<Finding> findings = new ArrayList<>();
    private int dropped;

    public CycleFindings(AgentType agent, CycleContext context, FindingKind kind, int max) {
        this.agent = agent;
        this.context = context;
        this.kind = kind;
        this.max = max;
    }

    /** @return the finding's id, or null when the cap was reached and it was only counted */
    public String add(Severity severity, String title, String detail, Map<String, String> evidence) {
        if (findings.size() >= max) {
            dropped++;
            return null;
        }
        String id = context.runId() + "-f" + findings.size();
        findings.add(new Finding(id, agent, context.runId(), kind, severity, title, detail, evidence, context.now()));
        return id;
    }

    /** The findings, plus one saying how many more there were when the cap was reached. */
    public List<Finding> list() {
        List<Finding> all = new ArrayList<>(findings);
        if (dropped > 0) {
            all.add(new Finding(context.runId() + "-f" + findings.size(), agent, context.runId(), kind, Severity.INFO,
                    dropped + " more findings not recorded", "this cycle found more than " + max
                    + " things; the first " + max + " are recorded", Map.of("notRecorded", Integer.toString(dropped)),
                    context.now()));
        }
        return List.copyOf(all);
    }
}
