package dev.lumen.domain.agent.guardian;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.activity.ActivityRecorder;
import dev.lumen.domain.agent.Agent;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleFindings;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationRepository;
import dev.lumen.domain.escalation.EscalationStatus;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalType;
import dev.lumen.domain.safety.CrisisAssessment;
import dev.lumen.domain.safety.InjectionVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The security agent. Over the cycle's window it reads, from the activity feed, which turns were
 * taken and which documents were ingested, then scans the turns' stored messages and the documents'
 * chunks for secrets ({@link SecretScanner}), personal data ({@link PersonalDataScanner}) and prompt
 * injection (the same detector chat and ingestion use), reports the chunks ingestion quarantined,
 * and re-checks users' messages for red flags (the crisis detector at {@code MEDIUM} or above) on
 * turns that raised no escalation. It also checks the running configuration for risky settings.
 *
 * <p>Severity follows where a thing sits: a secret in a creator's knowledge is {@code CRITICAL}
 * (retrieval can put it in any reply), in a reply too (the model leaked it), in a user's own
 * message {@code HIGH}; personal data counts one level higher in knowledge and replies than in a
 * user's message about themself. Evidence names the place (ids, chunk position, character offset)
 * and the match masked, never the secret. Risky settings come with a {@code CONFIGURATION_CHANGE}
 * proposal; a secret in knowledge gets a finding only, since only its creator can replace the document.
 *
 * <p>Memories are not read separately: each is written from one turn's user message and reply,
 * which this agent scans. Settled knowledge outside the window is not rescanned: the scan follows
 * what changed.
 */
public final class GuardianAgent implements Agent {
    static final int MAX_ACTIVITIES = 5_000;
    /** Turns scanned per cycle: two messages each, each checked by the detectors (embedding calls in AWS). */
    static final int MAX_TURNS = 500;
    static final int MAX_FINDINGS = 200;
    static final int MAX_CHUNKS = 2_000;
    /** A session's newest messages read to find its turns in the window: every turn of the cap, and a margin. */
    static final int MAX_SESSION_MESSAGES = 2 * MAX_TURNS + 20;
    private static final int EVIDENCE_CHARS = 160;

    private final ActivityFeed feed;
    private final ConversationRepository conversations;
    private final EscalationRepository escalations;
    private final KnowledgeTexts knowledge;
    private final Function<String, CrisisAssessment> crisis;
    private final Function<String, InjectionVerdict> injection;
    private final RuntimeSettings settings;
    private final SecretScanner secrets = new SecretScanner();
    private final PersonalDataScanner personalData = new PersonalDataScanner();

    /**
     * @param crisis    the crisis detector ({@code CrisisDetector::assess})
     * @param injection the injection detector ({@code InjectionDetector::check})
     */
    public GuardianAgent(ActivityFeed feed, ConversationRepository conversations, EscalationRepository escalations,
                         KnowledgeTexts knowledge, Function<String, CrisisAssessment> crisis,
                         Function<String, InjectionVerdict> injection, RuntimeSettings settings) {
        this.feed = feed;
        this.conversations = conversations;
        this.escalations = escalations;
        this.knowledge = knowledge;
        this.crisis = crisis;
        this.injection = injection;
        this.settings = settings;
    }

    @Override
    public AgentType type() {
        return AgentType.GUARDIAN;
    }

    @Override
    public CycleOutcome run(CycleContext context) {
        CycleFindings findings = new CycleFindings(AgentType.GUARDIAN, context, FindingKind.SECURITY, MAX_FINDINGS);
        List<ProposalDraft> proposals = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Activity> window = feed.between(context.since(), context.now(), MAX_ACTIVITIES);
        int read = scanTurns(window, findings, errors) + scanDocuments(window, findings, errors);
        read += checkSettings(findings, proposals);
        return new CycleOutcome(read, findings.list(), proposals, errors);
    }

    // ---- conversations ------------------------------------------------------------------------

    private int scanTurns(List<Activity> window, CycleFindings findings, List<String> errors) {
        List<Activity> turns = window.stream()
                .filter(a -> a.kind() == ActivityKind.CHAT_TURN && a.personaId() != null && a.sessionId() != null).toList();
        if (turns.size() > MAX_TURNS) {
            // Each message costs the detectors' embedding calls: a cycle scans a bounded number of turns
            // (the oldest), says how many it left, and still succeeds, so the next window moves on.
            findings.add(Severity.INFO, "Scanned " + MAX_TURNS + " of " + turns.size() + " turns",
                    "A cycle scans at most " + MAX_TURNS + " turns to finish within the worker's time; run the Guardian "
                            + "more often to cover them all.", Map.of("turns", Integer.toString(turns.size()),
                            "scanned", Integer.toString(MAX_TURNS), "lastScannedAt", turns.get(MAX_TURNS - 1).at().toString()));
            turns = turns.subList(0, MAX_TURNS);
        }
        Map<String, List<Activity>> bySession = new LinkedHashMap<>();
        for (Activity a : turns) {
            bySession.computeIfAbsent(a.personaId() + "/" + a.sessionId(), k -> new ArrayList<>()).add(a);
        }
        if (bySession.isEmpty()) {
            return 0;
        }
        Set<String> escalated = escalatedMessages(errors);
        int read = 0;
        for (List<Activity> sessionTurns : bySession.values()) {
            Activity first = sessionTurns.get(0);
            Set<String> wanted = new HashSet<>();
            for (Activity turn : sessionTurns) {
                wanted.add(turn.id());
                String question = turn.attributes().get(ActivityRecorder.USER_MESSAGE_ID);
                if (question != null) {
                    wanted.add(question);
                }
            }
            List<Message> messages;
            try {
                messages = conversations.latest(first.personaId(), first.sessionId(),
                        Math.min(MAX_SESSION_MESSAGES, 2 * sessionTurns.size() + 10));
            } catch (RuntimeException e) {
                errors.add("session " + first.sessionId() + " not readable: " + e.getMessage());
                continue;
            }
            for (Message message : messages) {
                if (wanted.contains(message.messageId())) {
                    read++;
                    scanMessage(first.tenant(), message, escalated, findings);
                }
            }
        }
        return read;
    }

    /** The user messages that raised an escalation (open or resolved, the most recent of each). */
    private Set<String> escalatedMessages(List<String> errors) {
        Set<String> ids = new HashSet<>();
        try {
            for (EscalationStatus status : EscalationStatus.values()) {
                escalations.list(status, 100).stream().map(Escalation::messageId).forEach(ids::add);
            }
        } catch (RuntimeException e) {
            errors.add("escalations not readable: " + e.getMessage());
        }
        return ids;
    }

    private void scanMessage(String tenant, Message message, Set<String> escalated, CycleFindings findings) {
        boolean user = message.role() == Role.USER;
        String where = user ? "a user's message" : "a reply";
        Map<String, String> place = new TreeMap<>();
        put(place, "tenant", tenant);
        put(place, "personaId", message.personaId());
        put(place, "sessionId", message.sessionId());
        put(place, "messageId", message.messageId());
        place.put("role", message.role().name().toLowerCase(Locale.ROOT));
        String text = message.content();

        for (Map.Entry<String, List<Sighting>> kind : byKind(secrets.scan(text)).entrySet()) {
            Severity severity = user ? Severity.HIGH : Severity.CRITICAL;
            findings.add(severity, "Secret (" + kind.getKey() + ") in " + where,
                    user ? "A user pasted a credential into a chat; it is stored with the conversation and its memory. "
                            + "Tell the owner to rotate it." : "A reply contained a credential: find where the model took it from.",
                    evidence(place, kind.getValue()));
        }
        for (Map.Entry<String, List<Sighting>> kind : byKind(personalData.scan(text)).entrySet()) {
            Severity severity = user ? kind.getValue().get(0).severity() : raise(kind.getValue().get(0).severity());
            findings.add(severity, "Personal data (" + kind.getKey() + ") in " + where,
                    "Stored with the conversation and recalled as memory; check it is needed.",
                    evidence(place, kind.getValue()));
        }
        InjectionVerdict verdict = injection.apply(text);
        if (verdict.flagged()) {
            Map<String, String> evidence = new TreeMap<>(place);
            evidence.put("score", String.format(Locale.ROOT, "%.2f", verdict.score()));
            evidence.put("kinds", verdict.kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
            if (!verdict.evidence().isEmpty()) {
                evidence.put("match", cut(verdict.evidence().get(0)));
            }
            findings.add(user ? Severity.MEDIUM : Severity.HIGH, "Prompt injection stored in " + where,
                    "Text that reads as instructions to the model is stored in a conversation, from where memories "
                            + "and history can carry it into later prompts.", evidence);
        }
        if (user && !escalated.contains(message.messageId())) {
            CrisisAssessment assessment = crisis.apply(text);
            if (assessment.reaches(dev.lumen.domain.safety.Severity.MEDIUM)) {
                boolean high = assessment.reaches(dev.lumen.domain.safety.Severity.HIGH);
                Map<String, String> evidence = new TreeMap<>(place);
                evidence.put("crisisSeverity", assessment.severity().name());
                evidence.put("categories", assessment.categories().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")));
                if (!assessment.evidence().isEmpty()) {
                    evidence.put("match", cut(assessment.evidence().get(0)));
                }
                findings.add(high ? Severity.HIGH : Severity.MEDIUM,
                        high ? "Red flag missed: no escalation for a HIGH crisis message" : "Possible red flag without escalation",
                        high ? "The crisis detector rates this message HIGH now, yet no escalation names it: a person may "
                                + "be waiting for help." : "Rated MEDIUM (a safety note, no hand-off); a person should read "
                                + "the session to decide whether it needs one.", evidence);
            }
        }
    }

    // ---- knowledge ----------------------------------------------------------------------------

    private int scanDocuments(List<Activity> window, CycleFindings findings, List<String> errors) {
        Map<String, Activity> documents = new LinkedHashMap<>();
        for (Activity a : window) {
            String documentId = a.attributes().get(ActivityRecorder.DOCUMENT_ID);
            if (a.kind() == ActivityKind.DOCUMENT_INGESTED && a.tenant() != null && documentId != null && !a.error()) {
                documents.put(a.tenant() + "/" + documentId, a);
            }
        }
        int read = 0;
        for (Activity a : documents.values()) {
            String documentId = a.attributes().get(ActivityRecorder.DOCUMENT_ID);
            Optional<KnowledgeTexts.DocumentText> found;
            try {
                found = knowledge.read(a.tenant(), documentId);
            } catch (RuntimeException e) {
                errors.add("document " + documentId + " not readable: " + e.getMessage());
                continue;
            }
            if (found.isEmpty()) {
                continue; // deleted since: nothing left to protect
            }
            if (read + found.get().chunks().size() > MAX_CHUNKS) {
                errors.add("chunk budget of " + MAX_CHUNKS + " reached: document " + documentId + " and later ones not scanned");
                break;
            }
            read += scanDocument(found.get(), findings);
        }
        return read;
    }

    private int scanDocument(KnowledgeTexts.DocumentText document, CycleFindings findings) {
        Map<String, String> place = new TreeMap<>();
        place.put("creatorId", document.creatorId());
        place.put("documentId", document.documentId());
        place.put("title", cut(document.title()));
        place.put("revision", Integer.toString(document.revision()));
        if (!document.quarantined().isEmpty()) {
            Map<String, String> evidence = new TreeMap<>(place);
            evidence.put("quarantinedChunks", Integer.toString(document.quarantined().size()));
            evidence.put("positions", document.quarantined().stream().map(String::valueOf).collect(Collectors.joining(",")));
            if (!document.reasons().isEmpty()) {
                evidence.put("reason", cut(document.reasons().get(0)));
            }
            findings.add(Severity.MEDIUM, "Prompt injection quarantined in document '" + cut(document.title()) + "'",
                    "Ingestion kept these chunks out of the index, so retrieval never uses them; the creator should "
                            + "remove the passages or upload a corrected document.", evidence);
        }
        Set<String> reported = new HashSet<>();
        Set<Integer> quarantined = new HashSet<>(document.quarantined());
        for (int position = 0; position < document.chunks().size(); position++) {
            String chunk = document.chunks().get(position);
            Map<String, String> at = new TreeMap<>(place);
            at.put("chunk", Integer.toString(position));
            // Chunks overlap: a match near a boundary is in two of them and is reported once.
            for (Map.Entry<String, List<Sighting>> kind : byKind(secrets.scan(chunk)).entrySet()) {
                if (reported.add("secret/" + kind.getKey() + "/" + kind.getValue().get(0).redacted())) {
                    findings.add(Severity.CRITICAL, "Secret (" + kind.getKey() + ") in knowledge document '"
                                    + cut(document.title()) + "'",
                            "Retrieval can put this chunk into any reply to this creator's users. Rotate the credential "
                                    + "and have the creator remove it from the document.", evidence(at, kind.getValue()));
                }
            }
            for (Map.Entry<String, List<Sighting>> kind : byKind(personalData.scan(chunk)).entrySet()) {
                if (reported.add("pii/" + kind.getKey() + "/" + kind.getValue().get(0).redacted())) {
                    findings.add(raise(kind.getValue().get(0).severity()), "Personal data (" + kind.getKey()
                                    + ") in knowledge document '" + cut(document.title()) + "'",
                            "Knowledge is shared with every user of the creator's personas.", evidence(at, kind.getValue()));
                }
            }
            if (!quarantined.contains(position)) {
                InjectionVerdict verdict = injection.apply(document.title() + "\n\n" + chunk);
                if (verdict.flagged()) {
                    Map<String, String> evidence = new TreeMap<>(at);
                    evidence.put("score", String.format(Locale.ROOT, "%.2f", verdict.score()));
                    if (!verdict.evidence().isEmpty()) {
                        evidence.put("match", cut(verdict.evidence().get(0)));
                    }
                    findings.add(Severity.HIGH, "Prompt injection in indexed knowledge '" + cut(document.title()) + "'",
                            "This chunk is in the index (it passed ingestion's screen) and reads as instructions to the model.",
                            evidence);
                }
            }
        }
        return document.chunks().size();
    }

    // ---- configuration -------------------------------------------------------------------------

    private int checkSettings(CycleFindings findings, List<ProposalDraft> proposals) {
        boolean prod = settings.production();
        if ("off".equalsIgnoreCase(settings.authentication())) {
            risky(findings, proposals, prod ? Severity.CRITICAL : Severity.HIGH, "Authentication is off",
                    "Every request acts as an admin: anyone who reaches the API can read and change everything.",
                    "LUMEN_AUTH", "jwt", "authentication", settings.authentication());
        }
        if (settings.rateLimitPerMinute() <= 0) {
            risky(findings, proposals, prod ? Severity.HIGH : Severity.MEDIUM, "Rate limiting is off",
                    "One caller can spend the whole model budget and starve everyone else.",
                    "LUMEN_RATE_LIMIT_PER_MINUTE", "120", "rateLimitPerMinute", Integer.toString(settings.rateLimitPerMinute()));
        }
        if ("*".equals(settings.corsAllowOrigin() == null ? null : settings.corsAllowOrigin().trim())) {
            risky(findings, proposals, prod ? Severity.MEDIUM : Severity.LOW, "CORS allows every origin",
                    "Any web page can call the API from its users' browsers with their tokens.",
                    "CorsAllowOrigin", "https://app.your-domain.example", "corsAllowOrigin", "*");
        }
        if (settings.budgets().unlimited()) {
            risky(findings, proposals, prod ? Severity.MEDIUM : Severity.LOW, "No spending budget is set",
                    "Nothing caps what one user or creator can spend on model calls in a day or a month.",
                    "LUMEN_BUDGET_USER_DAILY_USD", "1.00", "budgets", "unlimited");
        }
        return 4;
    }

    private static void risky(CycleFindings findings, List<ProposalDraft> proposals, Severity severity, String title,
                              String why, String setting, String value, String evidenceName, String current) {
        Map<String, String> evidence = Map.of(evidenceName, current, "setting", setting);
        String findingId = findings.add(severity, title, why, evidence);
        Map<String, String> proposalEvidence = new HashMap<>(evidence);
        if (findingId != null) {
            proposalEvidence.put("findingId", findingId);
        }
        proposals.add(new ProposalDraft(ProposalType.CONFIGURATION_CHANGE, title + ": set " + setting + "=" + value,
                why, Map.of("setting", setting, "value", value), proposalEvidence));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Map<String, List<Sighting>> byKind(List<Sighting> sightings) {
        Map<String, List<Sighting>> grouped = new LinkedHashMap<>();
        sightings.forEach(s -> grouped.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s));
        return grouped;
    }

    private static Map<String, String> evidence(Map<String, String> place, List<Sighting> sightings) {
        Map<String, String> evidence = new TreeMap<>(place);
        evidence.put("matches", Integer.toString(sightings.size()));
        evidence.put("offset", Integer.toString(sightings.get(0).offset()));
        evidence.put("redacted", sightings.get(0).redacted());
        return evidence;
    }

    private static Severity raise(Severity severity) {
        return severity == Severity.CRITICAL ? severity : Severity.values()[severity.ordinal() + 1];
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String cut(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > EVIDENCE_CHARS ? flat.substring(0, EVIDENCE_CHARS - 1) + "…" : flat;
    }
}
