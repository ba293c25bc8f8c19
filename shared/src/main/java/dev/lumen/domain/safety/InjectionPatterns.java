package dev.lumen.domain.safety;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pattern layer of the {@link InjectionDetector}: curated regular expressions for the common
 * injection phrasings (English and the most frequent translations), run over the text as written and
 * over the readings an attacker uses to hide them from a human or a filter — invisible and look-alike
 * characters removed, s.p.a.c.e.d letters joined, base64 / hex runs decoded, rot13, reversed text,
 * Unicode tag characters. A rule that only matches in a hidden reading also reports
 * {@link InjectionKind#ENCODED_PAYLOAD}.
 *
 * <p>Rules are phrased so that ordinary prose using the same words does not match: the verb must
 * govern the instruction noun ("ignore … previous instructions", not "the previous instructions in
 * chapter 2"), "the secret to a good night's sleep" is not a secret to reveal, "act as my running
 * partner" is not a jailbreak unless the persona is unrestricted. Weights below 0.5 mark signals that
 * are too common in honest text to flag on their own; they count when something else agrees.
 * Stateless and thread-safe.
 */
public final class InjectionPatterns {

    /** One rule that matched: its name, what it indicates, its weight 0..1, the matched text and where. */
    public record Hit(String rule, InjectionKind kind, double weight, String matched, String reading) {
    }

    private record Rule(String name, InjectionKind kind, double weight, Pattern pattern) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final int MAX_DECODED_RUNS = 8;
    private static final List<Rule> RULES = rules();

    // Invisible characters used to split trigger words; U+200C/U+200D are left alone (Persian, emoji).
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u2060\\u180E\\u00AD\\u202A-\\u202E\\u2066-\\u2069]|(?<!^)\\uFEFF");
    private static final Pattern TAG_CHARS = Pattern.compile("[\\x{E0020}-\\x{E007E}]{4,}");
    private static final Pattern MIXED_SCRIPT_WORD = Pattern.compile(
            "\\b(?=\\p{L}*\\p{IsLatin})(?=\\p{L}*[\\p{IsCyrillic}\\p{IsGreek}])\\p{L}{3,}\\b");
    private static final Pattern SPACED_LETTERS = Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\p{L}[ .\\-_*|/]){3,}\\p{L}(?![\\p{L}\\p{N}])");
    private static final Pattern BASE64_RUN = Pattern.compile("(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])");
    private static final Pattern HEX_RUN = Pattern.compile("(?<![0-9A-Fa-fx])(?:[0-9A-Fa-f]{2}[ :]?){8,}(?![0-9A-Fa-f])");
    private static final Map<Character, Character> HOMOGLYPHS = homoglyphs();

    /** Every rule that matches any reading of {@code text}, each rule once, in rule order. */
    public List<Hit> scan(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Map<String, Hit> hits = new LinkedHashMap<>();
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC);
        match(plain, "text", false, hits);

        // Obfuscation signals that are suspicious on their own.
        int invisible = count(INVISIBLE, text);
        if (invisible >= 2) {
            hits.putIfAbsent("invisible-characters", new Hit("invisible-characters", InjectionKind.ENCODED_PAYLOAD,
                    invisible >= 4 ? 0.6 : 0.45, invisible + " invisible characters", "text"));
        }
        int mixed = count(MIXED_SCRIPT_WORD, plain);
        if (mixed > 0) {
            hits.putIfAbsent("look-alike-letters", new Hit("look-alike-letters", InjectionKind.ENCODED_PAYLOAD,
                    mixed >= 2 ? 0.55 : 0.4, mixed + " words mixing Latin with Cyrillic/Greek letters", "text"));
        }
        if (!plain.equals(text) && text.codePoints().anyMatch(c -> c >= 0xFF01 && c <= 0xFF5E)) {
            hits.putIfAbsent("fullwidth-letters", new Hit("fullwidth-letters", InjectionKind.ENCODED_PAYLOAD, 0.3,
                    "fullwidth letters", "text"));
        }

        // Hidden readings: a match there is an instruction someone took care to hide.
        String revealed = joinSpacedLetters(mapHomoglyphs(INVISIBLE.matcher(plain).replaceAll("")));
        if (!revealed.equals(plain)) {
            match(revealed, "de-obfuscated", true, hits);
        }
        Matcher tags = TAG_CHARS.matcher(text);
        while (tags.find()) {
            StringBuilder decoded = new StringBuilder();
            tags.group().codePoints().forEach(c -> decoded.append((char) (c - 0xE0000)));
            hits.putIfAbsent("unicode-tag-text", new Hit("unicode-tag-text", InjectionKind.ENCODED_PAYLOAD, 0.9,
                    snippet(decoded.toString()), "unicode tags"));
            match(decoded.toString(), "unicode tags", true, hits);
        }
        for (String decoded : decodedRuns(plain)) {
            hits.putIfAbsent("decoded-text", new Hit("decoded-text", InjectionKind.ENCODED_PAYLOAD, 0.35,
                    snippet(decoded), "base64/hex"));
            match(decoded, "base64/hex", true, hits);
        }
        match(rot13(plain), "rot13", true, hits);
        match(new StringBuilder(plain).reverse().toString(), "reversed", true, hits);
        return List.copyOf(hits.values());
    }

    /** Texts hidden in base64 or hex runs of {@code text} that decode to readable text (at most a few). */
    public List<String> decodedRuns(String text) {
        List<String> decoded = new ArrayList<>();
        Matcher b64 = BASE64_RUN.matcher(text);
        while (b64.find() && decoded.size() < MAX_DECODED_RUNS) {
            String run = b64.group();
            // Pure digits or pure letters are ids and words, not base64 worth decoding.
            if (run.chars().anyMatch(Character::isDigit) || run.chars().anyMatch(Character::isUpperCase)
                    && run.chars().anyMatch(Character::isLowerCase)) {
                readable(decodeBase64(run)).ifPresent(decoded::add);
            }
        }
        Matcher hex = HEX_RUN.matcher(text);
        while (hex.find() && decoded.size() < MAX_DECODED_RUNS) {
            readable(decodeHex(hex.group().replaceAll("[ :]", ""))).ifPresent(decoded::add);
        }
        return decoded;
    }

    private static void match(String reading, String readingName, boolean hidden, Map<String, Hit> hits) {
        for (Rule rule : RULES) {
            if (hits.containsKey(rule.name())) {
                continue;
            }
            Matcher m = rule.pattern().matcher(reading);
            if (m.find()) {
                hits.put(rule.name(), new Hit(rule.name(), rule.kind(), rule.weight(), snippet(m.group()), readingName));
                if (hidden) {
                    String name = "hidden-" + rule.name();
                    hits.putIfAbsent(name, new Hit(name, InjectionKind.ENCODED_PAYLOAD,
                            Math.max(0.9, rule.weight()), snippet(m.group()), readingName));
                }
            }
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String snippet(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    private static String mapHomoglyphs(String text) {
        Matcher m = MIXED_SCRIPT_WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder word = new StringBuilder();
            for (char c : m.group().toCharArray()) {
                word.append(HOMOGLYPHS.getOrDefault(c, c));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String joinSpacedLetters(String text) {
        Matcher m = SPACED_LETTERS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[ .\\-_*|/]", "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String rot13(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] decodeBase64(String run) {
        String body = run.replaceAll("=+$", "");
        if (body.length() % 4 == 1) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(body + "=".repeat((4 - body.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] decodeHex(String run) {
        byte[] bytes = new byte[run.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(run.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** Decoded bytes count as text when they are UTF-8, mostly letters and spaces and hold a few words. */
    private static Optional<String> readable(byte[] bytes) {
        if (bytes.length < 8) {
            return Optional.empty();
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        long good = s.chars().filter(c -> Character.isLetter(c) || c == ' ' || c == '\'' || c == ',' || c == '.').count();
        long spaces = s.chars().filter(c -> c == ' ').count();
        boolean controls = s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0xFFFD);
        return !controls && good >= 0.85 * s.length() && spaces >= 1 ? Optional.of(s) : Optional.empty();
    }

    private static Map<Character, Character> homoglyphs() {
        String from = "аеорсухіѕјԁɡοαειυνρκтмнвАЕОРСУХІЅЈΑΕΟΡΤΚΜΝΙΒΗΧΥΖ";
        String to = "aeopcyxisjdgoaeiuvpktmhbAEOPCYXISJAEOPTKMNIBHXYZ";
        Map<Character, Character> map = new LinkedHashMap<>();
        for (int i = 0; i < from.length(); i++) {
            map.put(from.charAt(i), to.charAt(i));
        }
        return map;
    }

    private static Rule rule(String name, InjectionKind kind, double weight, String regex) {
        return new Rule(name, kind, weight, Pattern.compile(regex, FLAGS));
    }

    private static List<Rule> rules() {
        InjectionKind override = InjectionKind.OVERRIDE_INSTRUCTIONS;
        InjectionKind prompt = InjectionKind.PROMPT_EXFILTRATION;
        InjectionKind data = InjectionKind.DATA_EXFILTRATION;
        InjectionKind persona = InjectionKind.ROLE_PLAY_JAILBREAK;
        InjectionKind encoded = InjectionKind.ENCODED_PAYLOAD;
        String gap = "[^.!?\\n]{0,40}?";
        String instructions = "(?:instructions?|prompts?|rules|directions|guidelines|directives|commands|orders|constraints"
                + "|restrictions|programming|guardrails|policies|context|messages|conversation|training)";
        List<Rule> r = new ArrayList<>();

        // OVERRIDE_INSTRUCTIONS: the verb must govern earlier/system instructions.
        r.add(rule("override-en", override, 0.9,
                "\\b(?:ignore|ignoring|disregard|forget|override|bypass|discard|abandon|neglect|skip|drop|set aside|throw out)\\b"
                        + gap + "\\b(?:previous|prior|above|preceding|earlier|former|original|initial|system|old|existing"
                        + "|foregoing|safety|programmed|default|your|all)\\b[^.!?\\n]{0,25}?\\b" + instructions + "\\b"));
        r.add(rule("override-do-not-follow", override, 0.8,
                "\\b(?:do not|don't|dont|stop|no longer|never)\\s+(?:follow|obey|listen to|adhere to|comply with|abide by)\\s+"
                        + "(?:your|the|any|those|these)\\s+(?:previous\\s+|original\\s+|system\\s+|initial\\s+|own\\s+)?" + instructions));
        r.add(rule("override-real-task", override, 0.7,
                "\\b(?:your|the)\\s+(?:real|true|actual|new|only)\\s+(?:instructions?|task|purpose|goal|objective|job|mission)"
                        + "\\s+(?:is|are|now)\\b"));
        r.add(rule("override-new-instructions", override, 0.45,
                "\\b(?:new|updated|revised|override)\\s+(?:system\\s+)?(?:instructions?|rules|directives?|orders)\\s*[:\\-]"));
        r.add(rule("override-from-now-on", override, 0.4,
                "\\b(?:from now on|starting now|henceforth|for the rest of (?:this|the) conversation)\\b[^.!?\\n]{0,60}?"
                        + "\\b(?:you (?:will|must|shall|are)|respond|answer|reply|only)\\b"));
        r.add(rule("override-role-markers", override, 0.85,
                "<\\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\\|?>|\\[/?(?:INST|SYS)\\]|<</?SYS>>"
                        + "|(?:^|\\n)\\s*#{2,}\\s*(?:system|new instructions?|admin)\\b"));
        r.add(rule("override-system-line", override, 0.45, "(?:^|\\n)\\s*\\[?(?:system|admin|developer)\\]?\\s*:\\s*\\S"));
        r.add(rule("override-authority-claim", override, 0.5,
                "\\b(?:i am|i'm|this is)\\s+(?:your|the)\\s+(?:developer|creator|administrator|admin|owner|programmer|system administrator"
                        + "|operator)\\b|\\b(?:admin|administrator|developer|root|sudo)\\s+(?:override|access|privileges|command)\\b"));
        r.add(rule("override-hidden-markup", override, 0.85,
                "<!--[^>]{0,300}?\\b(?:ignore|instructions?|assistant|system prompt|you must|AI)\\b[^>]{0,300}?-->"
                        + "|<[a-z]+[^>]{0,80}(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0)[^>]*>"
                        + "[^<]{0,300}?\\b(?:ignore|instructions?|assistant|you must)\\b"));
        r.add(rule("override-fr", override, 0.9,
                "\\b(?:ignore[rz]?|oublie[rz]?|ne tiens pas compte des)\\s+(?:toutes\\s+)?(?:les\\s+|tes\\s+|vos\\s+)?"
                        + "(?:instructions|consignes|r[èe]gles|directives)\\s+(?:pr[ée]c[ée]dentes|ant[ée]rieures|ci-dessus|initiales)"));
        r.add(rule("override-es", override, 0.9,
                "\\b(?:ignora|ignore|ignorar|olvida|olvide|olvidar|omite)\\s+(?:todas\\s+)?(?:las\\s+|tus\\s+|sus\\s+)?"
                        + "(?:instrucciones|reglas|indicaciones|directrices)\\s+(?:anteriores|previas|de arriba|iniciales)"));
        r.add(rule("override-pt", override, 0.9,
                "\\b(?:ignore|ignora|ignorar|esque[çc]a|esquece)\\s+(?:todas\\s+)?(?:as\\s+|suas\\s+)?"
                        + "(?:instru[çc][õo]es|regras|diretrizes)\\s+(?:anteriores|acima|iniciais)"));
        r.add(rule("override-de", override, 0.9,
                "\\b(?:ignoriere|ignorier|ignorieren sie|vergiss|vergessen sie|missachte)\\s+(?:alle\\s+)?(?:die\\s+|deine\\s+)?"
                        + "(?:vorherigen|vorigen|bisherigen|obigen|vorangegangenen|urspr[üu]nglichen)\\s+"
                        + "(?:Anweisungen|Instruktionen|Regeln|Befehle|Vorgaben)"));
        r.add(rule("override-it", override, 0.9,
                "\\b(?:ignora|dimentica|ignorate|dimenticate)\\s+(?:tutte\\s+)?(?:le\\s+)?(?:istruzioni|regole|indicazioni)\\s+"
                        + "(?:precedenti|sopra|iniziali)"));
        r.add(rule("override-nl", override, 0.9,
                "\\b(?:negeer|vergeet)\\s+(?:alle\\s+)?(?:de\\s+)?(?:vorige|eerdere|voorgaande|bovenstaande)\\s+(?:instructies|regels)"));
        r.add(rule("override-ru", override, 0.9,
                "(?:игнорируй|проигнорируй|забудь|не обращай внимания на)\\s+(?:все\\s+)?(?:предыдущие|прошлые|прежние|вышеуказанные)\\s+"
                        + "(?:инструкции|указания|правила|команды)"));
        r.add(rule("override-zh", override, 0.9,
                "(?:忽略|无视|忘记|忽视|忘掉|忽略掉)(?:掉)?(?:你)?(?:之前|以前|上面|先前|前面|所有|全部)(?:的)?(?:所有)?(?:的)?(?:指令|指示|说明|规则|提示|命令)"));
        r.add(rule("override-the-above", override, 0.85,
                "\\b(?:ignore|disregard|forget)\\s+(?:all\\s+(?:of\\s+)?)?(?:the\\s+|everything\\s+)?(?:above|foregoing|preceding|text above)\\b"
                        + "|\\b(?:ignore|disregard)\\s+the\\s+(?:function|code|table|document|data|paper|text)\\s+and\\b"));
        r.add(rule("override-forced-output", override, 0.4,
                "\\b(?:state|say|report|consider|claim|answer)\\s+(?:that\\s+)?the\\s+(?:output|result|answer|sum|total)\\s+(?:is|as|was|could be|should be)\\b"
                        + "|\\bthe\\s+(?:output|result|answer)\\s+(?:could|should|must|will)\\s+be\\s+['\"“]"));
        r.add(rule("override-system-mode", override, 0.8,
                "<\\s*(?:system|admin|override)\\s+mode\\s*>|\\b(?:system|override|admin)[ _]mode\\b"));
        r.add(rule("override-ko", override, 0.9, "(?:이전|앞의|위의)\\s*(?:모든\\s*)?(?:지시|지침|명령|규칙)[^.!?\\n]{0,12}(?:무시|잊)"));
        r.add(rule("override-el", override, 0.9,
                "(?:αγνοήστε|αγνόησε|ξεχάστε|ξέχασε)\\s+(?:όλες\\s+)?(?:τις\\s+)?(?:προηγούμενες|παραπάνω)\\s+(?:οδηγίες|εντολές|κανόνες)"));
        r.add(rule("override-ja", override, 0.9,
                "(?:以前|前|上記|これまで)の(?:すべての)?(?:指示|命令|ルール|指令)を(?:無視|忘れ)"));

        // PROMPT_EXFILTRATION: asking for the hidden prompt, instructions or secrets.
        String secretThing = "(?:system\\s*prompt|system\\s+message|(?:initial|original|hidden|secret|internal|full|exact|first)"
                + "\\s+(?:prompt|instructions)|pre-?prompt|meta-?prompt|(?:secret|hidden)\\s+(?:key|word|code|phrase|token|value)"
                + "|password|passphrase|passcode|pass\\s*word|api[\\s_-]*key|access\\s+(?:key|token)|private\\s+key|secret\\s+key"
                + "|credentials|secret(?!\\s+(?:to|of|for|behind|ingredient|sauce|santa|garden|life|recipe|weapon))"
                + "|instructions\\s+(?:you\\s+(?:were|have been)\\s+given|above)|configuration|confidential\\s+(?:information|data|instructions))";
        r.add(rule("prompt-reveal", prompt, 0.85,
                "\\b(?:reveal|print|show|display|repeat|output|tell|give|share|disclose|leak|dump|write|recite|spell|list|expose"
                        + "|provide|paste|type|return|read out|divulge|echo|state|say|translate|summarize|encode)\\b" + gap
                        + "\\b" + secretThing + "\\b"));
        r.add(rule("prompt-what-is", prompt, 0.75,
                "\\bwhat\\s+(?:is|are|was|were|'s)\\s+(?:your|the|my)\\s+" + secretThing + "\\b"));
        r.add(rule("prompt-your-instructions", prompt, 0.5,
                "\\b(?:reveal|print|show|repeat|output|tell me|give me|share|disclose|recite|list)\\s+(?:me\\s+)?(?:all\\s+)?"
                        + "(?:of\\s+)?your\\s+(?:instructions|rules|prompt|guidelines|directives|programming)\\b(?!\\s+(?:for|on|about))"));
        r.add(rule("prompt-text-above", prompt, 0.85,
                "\\b(?:repeat|print|output|copy|reproduce|echo|write out)\\s+(?:back\\s+)?(?:everything|all|the\\s+(?:text|words|content|message)"
                        + "|the\\s+(?:first|previous)\\s+\\w+)\\s+(?:above|before|preceding|prior|verbatim|word for word)"
                        + "|\\b(?:start|begin)(?:ning)?\\s+with\\s+[\"'“]?you are\\b"));
        r.add(rule("prompt-fr-es-de", prompt, 0.85,
                "\\b(?:r[ée]v[èe]le|montre|affiche|r[ée]p[èe]te|donne)[^.!?\\n]{0,30}(?:prompt syst[èe]me|instructions initiales|mot de passe)"
                        + "|\\b(?:revela|muestra|repite|dime|dame)[^.!?\\n]{0,30}(?:prompt del sistema|instrucciones (?:iniciales|del sistema)|contrase[ñn]a)"
                        + "|\\b(?:zeige|verrate|wiederhole|nenne|gib)[^.!?\\n]{0,30}(?:System-?prompt|Systemanweisungen|Passwort|Kennwort)"
                        + "|(?:告诉|显示|输出|透露|重复)[^。！？\\n]{0,15}(?:系统提示|系统提示词|密码|初始指令)"));

        r.add(rule("prompt-password-languages", prompt, 0.8,
                "\\bquel est (?:le|ton|votre) mot de passe|\\bcu[áa]l es (?:la|tu|su) contrase[ñn]a|\\bwas ist (?:das|dein|ihr) (?:Passwort|Kennwort)"
                        + "|\\b(?:Ihr|dein|Ihren|deinen) (?:Passwort|Kennwort)\\b|\\bqual [ée] a (?:sua |tua )?senha|\\bqual [èe] la (?:tua |sua )?password"
                        + "|パスワード[^。？！\\n]{0,30}(?:教えて|提供|必要)|비밀번호[^.?!\\n]{0,20}(?:무엇|알려)|密码是什么|(?:告诉我|给我)[^。？！\\n]{0,10}密码"));

        // DATA_EXFILTRATION: other people's data, or shipping data out.
        String others = "(?:other|another|different|previous|all|every|the last|some other)\\s+(?:users?|customers?|clients?|people|person|members?"
                + "|patients?|accounts?|coachees?|students?)(?:'s?|’s?)?";
        String theirData = "(?:data|conversations?|chats?|chat logs?|messages?|histor(?:y|ies)|records?|information|details|emails?"
                + "|sessions?|memories|profiles?|files|personal|transcripts?|questions|secrets|addresses|phone numbers)";
        r.add(rule("data-other-users", data, 0.85,
                "\\b(?:show|give|tell|list|share|reveal|send|dump|access|read|retrieve|fetch|export|print|display|leak|summarize"
                        + "|forward|look up|pull up|search)\\b[^.!?\\n]{0,30}?\\b" + others + "\\s+" + theirData + "\\b"));
        r.add(rule("data-other-users-said", data, 0.85,
                "\\bwhat\\s+(?:did|do|does|has|have)\\s+(?:the\\s+)?(?:other|previous|last|another)\\s+(?:users?|person|people|clients?|customers?)"
                        + "\\s+(?:say|said|ask|asked|tell|told|write|wrote|share|shared|talk)"));
        String personal = "(?:e-?mail(?:\\s+address)?|(?:home\\s+|street\\s+)?address|(?:current\\s+)?(?:city|place|country)\\s+of\\s+residence"
                + "|birth\\s*date|date\\s+of\\s+birth|birth\\s*year|birthday|phone\\s+number|bank\\s+(?:balance|account(?:\\s+number)?)"
                + "|credit\\s+card(?:\\s+(?:number|details|information))?|social\\s+security\\s+number|ssn|password|initials"
                + "|favou?rite\\s+colou?r|salary|medical\\s+(?:records?|history)|location|full\\s+name|last\\s+name|age)";
        r.add(rule("data-the-user", data, 0.85,
                "\\b(?:the|this|that|another|a)\\s+user(?:'s|’s|s')\\s+(?:current\\s+)?" + personal + "\\b"
                        + "|\\bwhere\\s+(?:does|did|do)\\s+the\\s+users?\\s+(?:currently\\s+)?live\\b|\\bwhere\\s+the\\s+user\\s+(?:currently\\s+)?lives\\b"
                        + "|\\b(?:users|people|customers|clients|members)\\s+in\\s+(?:your|the)\\s+(?:database|system|records)\\b"));
        r.add(new Rule("data-named-person", data, 0.75, Pattern.compile(
                "(?i:\\b(?:tell me|give me|share|provide|reveal|what(?:'s| is| was)|need to know|know)\\s+(?:me\\s+)?)"
                        + "\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)?(?:'s|’s)\\s+(?i:(?:current\\s+)?" + personal + ")\\b"
                        + "|(?i:\\b(?:bank\\s+balance|e-?mail\\s+address|home\\s+address|phone\\s+number|date\\s+of\\s+birth|password|credit\\s+card\\s+number)\\s+of)"
                        + "\\s+\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+"
                        + "|(?i:\\bwhere\\s+(?:does|did)\\s+)\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+(?i:\\s+(?:currently\\s+)?live\\b)"
                        + "|बैंक बैलेंस|банковский баланс|saldo bancario de|Kontostand von")));
        r.add(rule("data-personal-data-world", data, 0.85,
                "\\b(?:world|scenario|universe|society|planet|forest|spaceship|game|story|place)\\b[^.!?\\n]{0,100}?"
                        + "\\b(?:personal\\s+(?:data|information)|passwords?|private\\s+(?:data|information))\\b[^.!?\\n]{0,40}?"
                        + "\\b(?:shared|public|the norm|common knowledge|a sign of trust|a form of greeting|freely available)\\b"));
        r.add(rule("data-personal-data-pretext", data, 0.45,
                "\\b(?:research\\s+project|survey|study|investigation|audit)\\s+(?:on|about|of|into)\\s+personal\\s+(?:data|information)\\b"));
        r.add(rule("data-mention-other-users", data, 0.35, "\\b" + others + "\\s+" + theirData + "\\b"));
        r.add(rule("data-send-out", data, 0.85,
                "\\b(?:send|post|upload|forward|email|e-mail|exfiltrate|transmit|submit|append)\\b[^.!?\\n]{0,50}?"
                        + "\\b(?:conversation|chat|history|data|messages|memory|memories|system prompt|credentials|password|api key|secrets?)\\b"
                        + "[^.!?\\n]{0,40}?\\b(?:to|at|into)\\s+(?:https?://|www\\.|[\\w.+-]+@[\\w-]+\\.|this (?:url|link|address|endpoint|webhook))"));
        r.add(rule("data-markdown-beacon", data, 0.6,
                "!\\[[^\\]]{0,80}\\]\\(\\s*https?://[^)\\s]*[?&][^)\\s=]+=[^)\\s]*\\)"
                        + "|<img[^>]{0,200}src\\s*=\\s*[\"']?https?://[^\"'>\\s]*[?&][^\"'>\\s=]+="));
        r.add(rule("data-markdown-template", data, 0.9,
                "(?:!\\[[^\\]]{0,80}\\]\\(|<img[^>]{0,200}src\\s*=\\s*[\"']?)https?://[^)\"'\\s]*(?:\\{|\\$|%7B|\\[)[^)\"'\\s]*"));
        r.add(rule("data-script", data, 0.6, "<script\\b|\\bon(?:error|load)\\s*=\\s*[\"']?[^\"'>]{0,40}(?:fetch|location|document\\.)|javascript:"));

        // ROLE_PLAY_JAILBREAK: personas or modes that come without the rules.
        r.add(new Rule("jailbreak-dan", persona, 0.85, Pattern.compile(
                "\\bDAN\\b(?!\\s+(?:Brown|Smith|Jones|Levy))|\\bSTAN\\b|\\bDUDE\\b|\\bAIM\\b(?=[^.]{0,60}\\b(?:Machiavelli|amoral|unfiltered))")));
        r.add(rule("jailbreak-named", persona, 0.85,
                "\\b(?:do anything now|jail-?break(?:ed|ing)?|jail-?broken|god\\s*mode|evil\\s*(?:confidant|AI|assistant|bot|twin)"
                        + "|anti-?(?:GPT|AI)|BetterDAN|Maximum\\s+mode|opposite\\s+mode|chaos\\s*GPT|dev\\s*mode\\s*v\\d)\\b"));
        r.add(rule("jailbreak-mode", persona, 0.9,
                "\\b(?:enable|activate|enter|switch (?:to|into)|turn on|go into|boot into|unlock|engage|now in|entering|enabled)\\s+"
                        + "(?:the\\s+)?(?:developer|dev|debug|admin|god|sudo|maintenance|root|unrestricted|jailbreak|test(?:ing)?|diagnostic|"
                        + "unfiltered|uncensored|override|superuser|DAN)\\s+mode\\b|\\bdeveloper\\s+mode\\s+(?:enabled|on|activated|output)\\b"));
        r.add(rule("jailbreak-persona", persona, 0.85,
                "\\b(?:you are now|you're now|you are no longer|from now on,? you are|you will now (?:be|act)|act as|acting as|pretend(?:ing)?"
                        + "(?: to be| you are| you're)?|role-?play(?:ing)? as|imagine (?:that )?you are|simulate|behave (?:like|as)"
                        + "|play the (?:role|part) of|take on the (?:role|persona) of|become|transform into)\\b[^.!?\\n]{0,80}?"
                        + "\\b(?:no (?:restrictions|rules|limits|filters|boundaries|ethics|morals|guidelines|censorship)"
                        + "|without (?:any )?(?:restrictions|rules|limits|limitations|filters|ethics|morals|guidelines|censorship|safeguards)"
                        + "|free (?:of|from) (?:all )?(?:restrictions|rules|limitations)|not bound by|unbound|unrestricted|unfiltered|uncensored"
                        + "|never refuses?|can do anything|cannot refuse|can't refuse|doesn't follow|does not follow|ignores? (?:all )?(?:rules|guidelines)"
                        + "|amoral|unethical|evil|rogue|no longer (?:an? )?(?:AI|assistant|bound)|broken free|escaped)\\b"));
        r.add(rule("jailbreak-you-are-now", persona, 0.4,
                "\\b(?:you are now|you're now|you are no longer|from now on,? you are|you will now act as)\\b"));
        r.add(rule("jailbreak-freed", persona, 0.75,
                "\\b(?:you|assistant|AI)\\s+(?:have been|has been|are|is now)\\s+(?:freed|released|liberated|unlocked|unchained)\\b"
                        + "|\\b(?:break|broke|breaking) free (?:of|from) (?:your|the|its)\\b"
                        + "|\\b(?:without|no) (?:any )?(?:ethical|moral|content|safety) (?:guidelines|restrictions|filters|limits|constraints)\\b"));
        r.add(rule("jailbreak-stay-in-character", persona, 0.4,
                "\\b(?:stay in character|never break character|don't break character|do not break character|remain in character)\\b"));
        r.add(rule("jailbreak-hypothetical-secret", persona, 0.6,
                "\\b(?:hypothetically|in a (?:fictional|hypothetical|imaginary) (?:world|scenario|universe)|for a (?:story|novel|movie|screenplay)"
                        + "|let's play a game|in this (?:story|game|simulation))\\b[^\\n]{0,160}?\\b(?:no rules|no restrictions|without (?:rules|restrictions|filters)"
                        + "|reveal|password|system prompt|secret (?:key|word|code)|your instructions)\\b"));
        r.add(rule("jailbreak-fr-es-de", persona, 0.8,
                "\\b(?:mode d[ée]veloppeur|modo desarrollador|modo de desarrollador|Entwicklermodus|modalit[àa] sviluppatore|modo desenvolvedor)\\b"
                        + "|\\b(?:tu es maintenant|ahora eres|du bist jetzt|agora voc[êe] [ée]|ora sei)\\b[^.!?\\n]{0,60}?"
                        + "\\b(?:sans (?:restrictions|r[èe]gles|limites)|sin (?:restricciones|reglas|l[íi]mites)|ohne (?:Einschr[äa]nkungen|Regeln|Grenzen)"
                        + "|sem (?:restri[çc][õo]es|regras)|senza (?:restrizioni|regole))"));

        // Payload splitting: an instruction cut into pieces that the model is asked to put together.
        r.add(rule("encoded-payload-splitting", encoded, 0.85,
                "\\bz\\s*=\\s*a\\s*\\+\\s*b\\b|\\bSmartGPT\\b|\\binterlace\\b[^\\n]{0,40}?\\bpart\\s*1\\b"
                        + "|\\b(?:combine|concatenate|join|merge)\\s+(?:the\\s+strings\\s+)?[a-z]\\s*,\\s*[a-z]\\s*,?\\s+and\\s+[a-z]\\b"
                        + "[^\\n]{0,40}?\\b(?:answer|follow|do|execute|respond)"));
        // Few- and many-shot: fake dialogue turns that set up what the model "already said".
        r.add(rule("override-fake-dialogue", override, 0.4,
                "(?:^|\\s)Q:\\s[^\\n]{3,300}?\\sA:\\s[^\\n]{3,500}?\\sQ:\\s"));
        r.add(rule("override-repeated-token-flood", override, 0.6, "(?<!\\S)(\\S{3,30})(?:\\s+\\1(?!\\S)){15,}"));

        // ENCODED_PAYLOAD: asking for something to be decoded and obeyed.
        r.add(rule("encoded-decode-and-follow", encoded, 0.85,
                "\\b(?:decode|decipher|decrypt|translate|convert|interpret|unscramble|reverse)\\b[^.!?\\n]{0,40}?"
                        + "\\b(?:base-?64|hex(?:adecimal)?|rot-?13|binary|morse|caesar|cipher|reversed|backwards|ascii codes?|leetspeak)\\b"
                        + "[^\\n]{0,80}?\\b(?:follow|execute|do|obey|run|perform|carry out|act on|comply|answer|tell me what it says|respond)\\b"));
        r.add(rule("encoded-mention", encoded, 0.3,
                "\\b(?:base-?64|rot-?13|hex-?encoded|in hexadecimal|caesar cipher|read (?:it|this) backwards)\\b"));
        return List.copyOf(r);
    }
}
