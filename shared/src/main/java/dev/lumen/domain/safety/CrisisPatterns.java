package dev.lumen.domain.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pattern layer: curated phrases for each {@link CrisisCategory}. {@code HIGH} rules need a
 * first-person intent, plan, means or farewell; a death wish, self-injury or an abuser's violence
 * is {@code MEDIUM}; hopelessness and bare mentions are {@code LOW}.
 *
 * <p>Look-alikes are removed before any rule runs ("kill a Python process", "this workout is
 * killing me", "dying to see", "I could murder a burger"), and bare mentions of a topic are
 * dropped when the message reads as research ("suicide statistics for a school report"), because
 * a false alarm ends a coaching conversation with a crisis message the person did not need.
 */
public final class CrisisPatterns {

    /** One matched rule: the phrase is the text that matched, for the evidence list. */
    public record Hit(CrisisCategory category, Severity severity, String phrase) {
    }

    private record Rule(CrisisCategory category, Severity severity, Pattern pattern, boolean mention) {
    }

    private static final String ME = "(?:i|i'm|im|i am|i've|ive|i have|i'll|i will|i'd|i was|i feel|i felt|i keep)";
    private static final String WANT = "(?:want|wanna|need|plan|planning|intend|intending|decided|going|gonna|ready|about|will|'ll|am going|'m going)";
    private static final String SELF_KILL = "(?:kill(?:ing)? my ?self|end(?:ing)? (?:my (?:own )?life|it all|things|everything)|take my (?:own )?life|"
            + "taking my (?:own )?life|commit(?:ting)? suicide|hang(?:ing)? my ?self|shoot(?:ing)? my ?self|off my ?self|unalive my ?self|"
            + "kms|overdose on purpose|jump(?:ing)? (?:off|in front of) (?:a|the) (?:bridge|roof|building|train|cliff|car))";

    /** Spans that look like a crisis phrase but are not one; blanked before the rules run. */
    private static final List<Pattern> LOOK_ALIKES = List.of(
            // Software and everyday objects are killed, not people.
            p("\\bkill(?:ed|ing|s)? (?:-9 )?(?:(?:a|an|the|this|that|my|all|every|each|off|any|stuck|hung|old|zombie|background) )?"
                    + "(?:(?!my ?self|me\\b|him|her|them|you|us\\b)[\\w.-]+ ){0,2}(?:process(?:es)?|task|job|thread|server|session|container|pod|app|program|command|pid|"
                    + "query|tab|window|service|daemon|script|bugs?|weeds?|plants?|mosquito(?:es)?|spiders?|ants|flies|bacteria|germs|"
                    + "the lights|the engine|the mood|the vibe|zombies?|enemies|monsters?|characters?|npcs?)\\b"),
            // "X is killing me": workouts, heat, suspense... but not a person doing it.
            p("\\b(?!(?:he|she|they|husband|boyfriend|girlfriend|partner|wife|dad|father|mom|mother|stepdad|someone|somebody)\\b)"
                    + "[\\w']+ (?:is|are|was|were|'s|'re) (?:literally |really |slowly |just )?killing me\\b"),
            p("\\b(?:you're|you are|u r|ur) killing me\\b"),
            p("\\bkill(?:ed|ing)? (?:my ?self|me) laughing\\b"),
            p("\\bdying (?:to|for) (?:\\w+)\\b"),
            p("\\b(?:die|dying|died|dead) (?:of|from) (?:laughter|laughing|boredom|embarrassment|shame|cuteness|curiosity|jealousy)\\b"),
            p("\\b(?:murder|kill)(?: for)? (?:a|an|some|the|that|this|\\d+) (?:\\w+ )?(?:burger|pizza|beer|coffee|drink|sandwich|steak|taco|tacos|cake|"
                    + "nap|shower|cigarette|pint|kebab|curry|donut|doughnut|fries|chocolate|snack|meal|breakfast|lunch|dinner)s?\\b"),
            p("\\bcut (?:my ?self )?(?:a|an|some|the) (?:slice|piece|break|deal)\\b"),
            p("\\b(?:shoot|shot) (?:me|you|him|her) (?:a|an) (?:message|email|text|dm|note|line)\\b"),
            p("\\bhang(?:ing)? (?:out|on|up|in there)\\b"),
            p("\\b(?:kill|killed|killing|crushed|crushing|nailed) it\\b(?! all)"),
            p("\\bover ?dose (?:of|on) (?:cuteness|sugar|caffeine|coffee|nostalgia|content)\\b"));

    /** A message that asks about a topic rather than confiding: bare mentions don't count then. */
    private static final Pattern RESEARCH = p("\\b(?:statistics|stats|research|researching|study|studies|rates?|prevalence|percentage|"
            + "how many people|for (?:a|my|our|the) (?:school |class |college |university |history |psychology |health )?"
            + "(?:report|essay|paper|project|assignment|presentation|thesis|homework|class|article|podcast)|awareness|prevention|"
            + "according to|in the us|worldwide|per year|each year|history of)\\b");

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        // --- suicide and self-harm: intent, plan, means, farewell (HIGH)
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b" + ME + " (?:really |just |seriously |actually )?(?:" + WANT + ") (?:to )?" + SELF_KILL);
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:i'll|i will|ill) (?:just |finally |definitely )?" + SELF_KILL);
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:going|gonna|plan(?:ning)?|decided|ready|about) to " + SELF_KILL);
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:tonight|tomorrow|this weekend|today|soon)\\b[^.!?]{0,40}\\b" + SELF_KILL);
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b" + SELF_KILL + "[^.!?]{0,30}\\b(?:tonight|tomorrow|this weekend|today)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:suicide|goodbye|farewell) (?:note|letter|plan)s?\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:painless|quickest|easiest|quick|best|surest|fastest|most effective) (?:way|ways|method|methods) (?:to|of) "
                + "(?:die|dying|kill (?:my|your) ?self|commit suicide|end (?:my|your|it|a) ?(?:life|all)?|suicide)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\bhow (?:do i|can i|to|should i|would i|could i) (?:kill my ?self|commit suicide|end my life|end it all|hang my ?self|overdose|od)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\bhow (?:many|much) (?:\\w+ ){0,3}(?:pills|tablets|mg|grams)? ?(?:\\w+ )?(?:would it take |does it take |do i need |to take )?to (?:die|kill (?:my|your) ?self|overdose|od|be fatal|be lethal)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:stockpil\\w*|saving up|saved up|hoarding|collected|collecting) (?:my |all my |enough )?(?:pills|meds|medication|tablets|sleeping pills|painkillers)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:bought|got|have|found|tied|tying|wrote|writing|loaded) (?:a|the|my) (?:rope|noose|gun|pistol|note|razor|blade)s?\\b[^.!?]{0,60}\\b(?:myself|end it|die|tonight|suicide|neck|do it)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:noose|slit(?:ting)? my (?:wrists?|throat)|rope around my neck|gun (?:to|in) my (?:head|mouth))\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:by the time you read this|this is (?:my )?(?:final )?goodbye|(?:my|these are my) (?:last|final) words|"
                + "won'?t (?:be (?:here|around|alive) (?:tomorrow|much longer|anymore|by)|see (?:the )?(?:morning|tomorrow|another day))|"
                + "(?:tonight|today) is (?:the|my) (?:night|day|last)|goodbye (?:everyone|world|forever|cruel world))\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b" + ME + " (?:already )?(?:tried|attempted|attempt) (?:to )?(?:kill(?:ing)? my ?self|suicide|end(?:ing)? my life|overdos\\w*|hang(?:ing)? my ?self)\\b");
        high(CrisisCategory.SUICIDE_SELF_HARM, "\\b" + ME + " (?:so |really |very |extremely |actively |feeling |being |been |getting )*suicidal\\b");
        // --- death wish, ideation, self-injury (MEDIUM)
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b" + SELF_KILL + "\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:thinking|thought|think|thoughts|fantasi[sz]\\w*|dream\\w*) (?:about|of) (?:suicide|dying|death|killing my ?self|ending (?:my life|it|it all|everything))\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b" + ME + " (?:just |really |honestly |sometimes |often )?(?:want|wanna|wish|would like|'d like) (?:to|i could|i was|i were) (?:die|be dead|disappear forever|not exist|stop existing|not wake up|never wake up|sleep forever|not be alive)\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:don'?t|do not|no longer|dont) (?:want|wanna|wish) to (?:live|be alive|exist|be here|wake up|go on|keep living|be on this earth)\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:wish i (?:was|were|had) (?:dead|never been born|not born)|better off (?:dead|without me|if i (?:was|were)n?'?t (?:here|around|alive))|(?:no|nothing|no one|nobody) (?:to|worth) live for|no (?:reason|point) (?:to|in|for) (?:live|living|go on|going on|being alive|my life)|life (?:is|isn'?t) (?:not )?worth living|end the pain)\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:cut|cutting|cuts|slice|slicing|sliced|slash|slashing|slashed|carve|carving|carved|burn|burning|burned|burnt|hurt|hurting|harm|harming|scratch|scratching|punish|punishing|punch|punching|hit|hitting|bite|biting|starve|starving) (?:my ?self|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|body))\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:wish|wishing|pray|praying|hope|hoping|long|longing) for (?:my (?:own )?)?death\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\bkill(?:ing)? (?:every ?one|every ?body|them all|all of them|people)[^.!?]{0,20}\\b(?:including|and then|then|and|even) my ?self\\b");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:" + ME + " )?(?:self[- ]?harm(?:ing|ed)?|self[- ]?injur\\w*|relapsed? (?:on|into) (?:cutting|self[- ]?harm))\\b(?![^.!?]{0,20}\\b(?:statistics|rates|research)\\b)");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:scars|fresh cuts|razor blades?|the blade)\\b[^.!?]{0,40}\\b(?:my|myself|again|hide)\\b");
        // Peer-support shorthand: "SH", being "clean", urges and relapses.
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:my|i|i've|ive|started|stopped|quit|been) (?:\\w+ )?(?:sh|cutting|cut|burning|burned my ?self)\\b(?! (?:my (?:finger|hand|hair)|the|a|an|off|down|back|out|class|school|ties|corners))");
        medium(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:clean|relapse\\w*|urges?) (?:from |to |for |on )?(?:sh|self[- ]?harm\\w*|cut|cutting)\\b|\\b(?:sh|self[- ]?harm|cutting) (?:urges?|scars?|relapse|free|clean)\\b");
        // --- hopelessness, self-harm vocabulary and bare mentions (LOW)
        low(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:(?:pictures|photos|pics) of (?:my|their|your|her|his) (?:cuts|scars|wounds)|cut(?:ting)? deeper|bloodlet\\w*|#?shtwt|bleed(?:ing)? (?:more|out))\\b");
        low(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:can'?t|cannot|can not) (?:go on|take (?:it|this|any more|anymore)|do this anymore|keep going|cope|handle (?:it|this|life) anymore)\\b");
        low(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:i hate my ?self|hopeless|worthless|no way out|a burden to (?:everyone|my family|them)|everyone would be better|empty inside|want (?:it|everything|the pain) to (?:end|stop)|tired of (?:living|life|being alive|existing)|what'?s the point of (?:living|life|anything))\\b");
        lowMention(CrisisCategory.SUICIDE_SELF_HARM, "\\b(?:suicide|suicidal|self[- ]?harm|sh(?![*'!])|kill(?:ed|s)? (?:him|her|them)sel(?:f|ves)|die(?:d|s)? by suicide|took (?:his|her|their) (?:own )?life)\\b");

        // --- eating disorders
        medium(CrisisCategory.EATING_DISORDER, "\\b(?:make|made|making|forcing|force) my ?self (?:throw up|vomit|puke|sick)\\b");
        medium(CrisisCategory.EATING_DISORDER, "\\b(?:throw(?:ing)? up|purg(?:e|ing)) (?:after|everything|every time) (?:i eat|eating|meals?|i binge)\\b");
        medium(CrisisCategory.EATING_DISORDER, "\\b(?:haven'?t|have not|hasn'?t|didn'?t|did not) (?:eaten|eat|had (?:any )?food)\\b[^.!?]{0,20}\\b(?:in|for) (?:\\d+|two|three|four|five|several|a few) (?:days|weeks)\\b");
        medium(CrisisCategory.EATING_DISORDER, "\\b" + ME + " (?:have |had |has |struggle with |struggling with |am |'m |relapsed into )?(?:an? )?(?:anorexi\\w*|bulimi\\w*|binge eating disorder|eating disorder|ed relapse)\\b");
        medium(CrisisCategory.EATING_DISORDER, "\\bmy (?:ed|eating disorder)\\b");
        medium(CrisisCategory.EATING_DISORDER, "\\b(?:starv(?:e|ing) my ?self|pro[- ]?ana|thinspo\\w*|(?:under|below|only) \\d{2,3} (?:calories|kcal|cals) a day|laxatives? to lose)\\b");
        low(CrisisCategory.EATING_DISORDER, "\\b(?:hate|disgusted (?:by|with)|can'?t stand) (?:my body|how (?:fat|big) i)|feel (?:so )?fat\\b|skip(?:ping)? (?:every|all|most) meals?\\b|afraid of (?:eating|food|gaining weight)\\b");
        lowMention(CrisisCategory.EATING_DISORDER, "\\b(?:anorexi\\w*|bulimi\\w*|eating disorders?|binge[- ]?eating|purging)\\b");

        // --- substance abuse
        medium(CrisisCategory.SUBSTANCE_ABUSE, "\\b" + ME + " (?:so |really |completely )?(?:addicted|hooked) (?:to|on)\\b");
        medium(CrisisCategory.SUBSTANCE_ABUSE, "\\b(?:can'?t|cannot|unable to) (?:stop|quit|control (?:my|the)) (?:drinking|using|taking (?:pills|drugs|xanax|oxy\\w*)|smoking (?:meth|crack|heroin)|shooting up)\\b");
        medium(CrisisCategory.SUBSTANCE_ABUSE, "\\b(?:overdos(?:ed|ing)|od'?d|oded)\\b");
        medium(CrisisCategory.SUBSTANCE_ABUSE, "\\b(?:mix(?:ing|ed)?|with) (?:my )?(?:pills|xanax|benzos?|opioids|oxy\\w*|sleeping pills)[^.!?]{0,15}\\b(?:and|with) (?:alcohol|booze|vodka|whiskey|drinks)\\b");
        medium(CrisisCategory.SUBSTANCE_ABUSE, "\\b" + ME + " (?:use|used|using|take|took|taking|shoot|shot|snort(?:ed|ing)?|smok(?:e|ed|ing)|did|do|relapsed on) (?:\\w+ )?(?:heroin|fentanyl|meth|crack|cocaine|coke|oxy\\w*|xanax|benzos?|opiates|opioids|pills)\\b");
        low(CrisisCategory.SUBSTANCE_ABUSE, "\\b(?:relapsed|blacked out|drinking (?:alone|every (?:day|night)|all day|before work)|drunk (?:every|all) (?:day|night)|need a drink to (?:get through|cope|function)|withdrawals?)\\b");
        lowMention(CrisisCategory.SUBSTANCE_ABUSE, "\\b(?:addiction|overdose|rehab|heroin|fentanyl)\\b");

        // --- domestic violence
        String abuser = "(?:my|our) (?:husband|wife|boyfriend|girlfriend|partner|fianc[eé]e?|dad|father|mom|mother|stepdad|stepfather|stepmom|ex|bf|gf|spouse|uncle|brother|parents?)";
        String harms = "(?:hits?|hitting|beats?|beating|beat|chok(?:es|ed|ing)|strangl\\w+|hurts?|hurting|kick(?:s|ed|ing)|punch(?:es|ed|ing)|slap(?:s|ped|ping)|"
                + "rap(?:es|ed|ing)|abus(?:es|ed|ing)|threaten(?:s|ed|ing)?|push(?:es|ed)|shov(?:es|ed)|locks?|locked|controls?|won'?t let)";
        high(CrisisCategory.DOMESTIC_VIOLENCE, "\\b(?:" + abuser + "|he|she) (?:has |is going to |'s going to |will |'ll |said (?:he|she)(?:'d| would| will) |threatened to |threatens to |tried to )(?:kill|murder|strangle|shoot|stab) me\\b");
        high(CrisisCategory.DOMESTIC_VIOLENCE, "\\b(?:afraid|scared|terrified) (?:for my life|(?:he|she|they)(?:'ll| will| is going to| are going to) (?:kill|hurt|find) me)\\b");
        medium(CrisisCategory.DOMESTIC_VIOLENCE, "\\b" + abuser + " (?:\\w+ )?" + harms + " me\\b");
        medium(CrisisCategory.DOMESTIC_VIOLENCE, "\\b(?:afraid|scared|terrified) (?:to go home|of my (?:husband|wife|boyfriend|girlfriend|partner|dad|father|stepdad|mom|mother))\\b");
        medium(CrisisCategory.DOMESTIC_VIOLENCE, "\\b(?:he|she) (?:hits|hit|beats|beat|chokes|choked|slaps|slapped|punches|punched|kicks|kicked|raped|rapes|strangled) me\\b");
        lowMention(CrisisCategory.DOMESTIC_VIOLENCE, "\\b(?:domestic (?:violence|abuse)|abusive (?:relationship|partner|husband|boyfriend|home)|restraining order)\\b");

        // --- acute mental-health crisis
        high(CrisisCategory.ACUTE_CRISIS, "\\b(?:voices?|they) (?:are |keep )?(?:tell(?:ing|s)?|command(?:ing|s)?) me to (?:hurt|kill|do)\\b");
        high(CrisisCategory.ACUTE_CRISIS, "\\b" + ME + " (?:might|could|may|am going to|'m going to|want to|will|'ll|am about to) (?:hurt|kill|harm|attack) (?:someone|somebody|people|my (?:kids?|child|baby|family))\\b");
        high(CrisisCategory.ACUTE_CRISIS, "\\b(?:i'm|im|i am|i don'?t feel) (?:not )?safe (?:right now|with myself|around myself)\\b");
        medium(CrisisCategory.ACUTE_CRISIS, "\\b(?:hearing|hear) (?:voices|things that aren'?t there)|seeing things that aren'?t there|(?:having|in the middle of) a (?:mental |nervous )?breakdown|losing (?:touch with reality|my grip)|"
                + "(?:can'?t|cannot) stop (?:shaking|screaming|crying) and|psychotic episode|dissociating|(?:this is|it'?s) an emergency\\b");
        low(CrisisCategory.ACUTE_CRISIS, "\\b(?:panic attack|can'?t breathe|losing my mind|falling apart|going crazy|haven'?t slept in (?:\\d+|days))\\b");
    }

    /** All rules that match, after look-alikes were blanked; empty for a blank message. */
    public List<Hit> find(String message) {
        if (message == null || message.isBlank()) {
            return List.of();
        }
        String text = normalize(message);
        for (Pattern lookAlike : LOOK_ALIKES) {
            text = lookAlike.matcher(text).replaceAll(" ~ ");
        }
        boolean research = RESEARCH.matcher(text).find();
        List<Hit> hits = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find() && !(rule.mention() && research)) {
                hits.add(new Hit(rule.category(), rule.severity(), m.group().trim()));
            }
        }
        return hits;
    }

    static String normalize(String message) {
        return message.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'')
                .replaceAll("\\s+", " ");
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    private static void high(CrisisCategory category, String regex) {
        RULES.add(new Rule(category, Severity.HIGH, p(regex), false));
    }

    private static void medium(CrisisCategory category, String regex) {
        RULES.add(new Rule(category, Severity.MEDIUM, p(regex), false));
    }

    private static void low(CrisisCategory category, String regex) {
        RULES.add(new Rule(category, Severity.LOW, p(regex), false));
    }

    private static void lowMention(CrisisCategory category, String regex) {
        RULES.add(new Rule(category, Severity.LOW, p(regex), true));
    }
}
