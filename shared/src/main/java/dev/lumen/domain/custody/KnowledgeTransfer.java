package dev.lumen.domain.custody;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-agent knowledge transfer, run by Imperium: for each custody category, from the agents'
 * latest runs, the best-scoring agent teaches the weakest. What it teaches are its best graded
 * examples: its passed answers in that category in its last run (the bank's question with the
 * mentor's own answer), or, when its transcript is gone, its material for the category. They
 * become the student's material; then the student is measured on that category alone — no run
 * recorded and no XP, so the ledger only ever counts full examinations — and the transfer is
 * recorded with the student's score before (its last run) and after.
 *
 * <p>Skipped: a category where nobody, or only one agent, has a score; where best and weakest
 * score the same; where the mentor has nothing passed to teach; where the student already holds
 * every example the mentor would teach (taught in an earlier cycle, not yet re-examined).
 */
public final class KnowledgeTransfer {
    /** How many of a student's latest transfers are searched for this run's, when a cycle is redelivered. */
    static final int REDELIVERY_LOOKBACK = 20;

    private final Custody custody;
    private final MentoringMaterial material;

    public KnowledgeTransfer(Custody custody) {
        this.custody = Objects.requireNonNull(custody, "custody");
        this.material = custody.material();
    }

    /** Runs one round of transfers; the findings say what was taught and what it changed. */
    public List<Finding> run(AgentType by, String runId, Instant now) {
        Map<AgentType, CustodyRepository.RunSummary> latest = new EnumMap<>(AgentType.class);
        for (AgentType agent : AgentType.values()) {
            custody.latestRun(agent).ifPresent(run -> latest.put(agent, run));
        }
        Map<AgentType, Optional<ExamTranscripts.Transcript>> transcripts = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (CustodyCategory category : CustodyCategory.values()) {
            AgentType mentor = null;
            AgentType student = null;
            for (AgentType agent : AgentType.values()) {
                Double score = score(latest, agent, category);
                if (score == null) {
                    continue;
                }
                if (mentor == null || score > score(latest, mentor, category)) {
                    mentor = agent;
                }
                if (student == null || score < score(latest, student, category)) {
                    student = agent;
                }
            }
            if (mentor == null || mentor == student || score(latest, mentor, category) <= score(latest, student, category)) {
                continue;
            }
            AgentType teacher = mentor;
            List<WorkedExample> lessons = lessons(teacher, category,
                    transcripts.computeIfAbsent(teacher, custody::latestTranscript), now);
            Set<String> known = material.examples(student.slug(), category).stream()
                    .filter(e -> e.taughtBy().equals(teacher.slug()))
                    .map(WorkedExample::testId).collect(Collectors.toSet());
            if (lessons.isEmpty()) {
                continue;
            }
            if (known.containsAll(lessons.stream().map(WorkedExample::testId).toList())) {
                // Taught before; when by this very run (a redelivered cycle), say so again.
                material.transfers(student.slug(), REDELIVERY_LOOKBACK).stream()
                        .filter(t -> t.runId().equals(runId) && t.category() == category)
                        .findFirst()
                        .ifPresent(t -> findings.add(finding(by, runId, findings.size(), t,
                                score(latest, teacher, category), now)));
                continue;
            }
            double before = score(latest, student, category);
            material.add(student.slug(), lessons);
            double after = custody.measure(student, category).meanScore();
            MentoringMaterial.Transfer transfer = new MentoringMaterial.Transfer(runId, now, teacher.slug(),
                    student.slug(), category, lessons.size(), Custody.round(before), Custody.round(after));
            material.record(transfer);
            findings.add(finding(by, runId, findings.size(), transfer, score(latest, teacher, category), now));
        }
        return findings;
    }

    /** What the mentor teaches in the category: its passed answers of its last run, else its material. */
    private List<WorkedExample> lessons(AgentType mentor, CustodyCategory category,
                                        Optional<ExamTranscripts.Transcript> transcript, Instant now) {
        Map<String, CustodyTest> tests = bank();
        List<WorkedExample> passed = transcript.map(t -> t.answers().stream()
                .filter(a -> a.category() == category && a.passed() && !a.answer().isBlank()
                        && tests.containsKey(a.testId()))
                .map(a -> new WorkedExample(a.testId(), category, tests.get(a.testId()).prompt(), a.answer(),
                        mentor.slug(), now))
                .toList()).orElse(List.of());
        if (!passed.isEmpty()) {
            return passed;
        }
        return custody.answerer().examples(AgentProfiles.of(mentor), category, List.of()).stream()
                .map(e -> new WorkedExample(e.testId(), category, e.question(), e.answer(), mentor.slug(), now))
                .toList();
    }

    private Map<String, CustodyTest> bank() {
        return custody.bank().all().stream().collect(Collectors.toMap(CustodyTest::id, t -> t));
    }

    private static Double score(Map<AgentType, CustodyRepository.RunSummary> latest, AgentType agent,
                                CustodyCategory category) {
        CustodyRepository.RunSummary run = latest.get(agent);
        return run == null ? null : run.categoryScores().get(category);
    }

    private static Finding finding(AgentType by, String runId, int index, MentoringMaterial.Transfer t,
                                   double mentorScore, Instant now) {
        Map<String, String> evidence = new java.util.LinkedHashMap<>();
        evidence.put("category", t.category().slug());
        evidence.put("mentor", t.mentor());
        evidence.put("student", t.student());
        evidence.put("examples", Integer.toString(t.examples()));
        evidence.put("mentorScore", format(mentorScore));
        evidence.put("scoreBefore", format(t.scoreBefore()));
        evidence.put("scoreAfter", format(t.scoreAfter()));
        evidence.put("delta", format(t.scoreAfter() - t.scoreBefore()));
        String title = t.mentor() + " taught " + t.student() + " " + t.category().slug();
        String detail = String.format(Locale.ROOT, "%s shared %d worked example%s; %s's %s score went from %s to %s.",
                t.mentor(), t.examples(), t.examples() == 1 ? "" : "s", t.student(), t.category().slug(),
                format(t.scoreBefore()), format(t.scoreAfter()));
        return new Finding(runId + "-transfer-" + index, by, runId, FindingKind.KNOWLEDGE_TRANSFER, Severity.INFO, title, detail,
                evidence, now);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
