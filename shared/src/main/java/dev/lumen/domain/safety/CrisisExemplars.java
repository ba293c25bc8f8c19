package dev.lumen.domain.safety;

import java.util.List;

/**
 * Labelled sentences for the embedding layer, written for Lumen by hand (not taken from any
 * evaluation set): first-person positives per category in the registers people use with a coach
 * (short chat lines and longer confiding sentences), and negatives that share the words but not
 * the meaning (idioms, software, fitness, research questions, fiction, news).
 */
public final class CrisisExemplars {

    /** One positive sentence and the severity it stands for when a message sits very close to it. */
    public record Exemplar(CrisisCategory category, Severity severity, String text) {
    }

    private CrisisExemplars() {
    }

    private static Exemplar e(CrisisCategory c, Severity s, String text) {
        return new Exemplar(c, s, text);
    }

    private static final CrisisCategory SUICIDE = CrisisCategory.SUICIDE_SELF_HARM;
    private static final CrisisCategory EATING = CrisisCategory.EATING_DISORDER;
    private static final CrisisCategory SUBSTANCE = CrisisCategory.SUBSTANCE_ABUSE;
    private static final CrisisCategory VIOLENCE = CrisisCategory.DOMESTIC_VIOLENCE;
    private static final CrisisCategory ACUTE = CrisisCategory.ACUTE_CRISIS;

    public static final List<Exemplar> POSITIVES = List.of(
            e(SUICIDE, Severity.HIGH, "I am going to kill myself tonight."),
            e(SUICIDE, Severity.HIGH, "I have decided to end my life and I have a plan."),
            e(SUICIDE, Severity.HIGH, "I've been saving up my pills so I can take them all at once."),
            e(SUICIDE, Severity.HIGH, "I bought a rope and I know where I'm going to do it."),
            e(SUICIDE, Severity.HIGH, "This is my goodbye, I won't be here tomorrow."),
            e(SUICIDE, Severity.HIGH, "What is the most painless way to die?"),
            e(SUICIDE, Severity.HIGH, "I wrote letters to my family and I'm ready to go."),
            e(SUICIDE, Severity.HIGH, "I'm standing on the bridge right now and I want to jump."),
            e(SUICIDE, Severity.MEDIUM, "I keep thinking about suicide and I don't know how to stop."),
            e(SUICIDE, Severity.MEDIUM, "I just want to die, I can't see any point in living anymore."),
            e(SUICIDE, Severity.MEDIUM, "Everyone would be better off if I was dead."),
            e(SUICIDE, Severity.MEDIUM, "I don't want to wake up tomorrow."),
            e(SUICIDE, Severity.MEDIUM, "Sometimes I think about ending it all and it scares me how calm I feel."),
            e(SUICIDE, Severity.MEDIUM, "I cut myself again last night to feel something."),
            e(SUICIDE, Severity.MEDIUM, "I hurt myself when things get too much, burning my arm makes the pain go quiet."),
            e(SUICIDE, Severity.MEDIUM, "I hide the scars on my wrists under long sleeves."),
            e(SUICIDE, Severity.MEDIUM, "I relapsed on self harm after three months clean."),
            e(SUICIDE, Severity.MEDIUM, "I feel like the world would be a better place without me in it."),
            e(SUICIDE, Severity.MEDIUM, "I am so depressed that I have started wondering whether it is worth staying alive."),
            // Peer-support register: people talking about their own self-harm history and urges.
            e(SUICIDE, Severity.MEDIUM, "I started self harming when I was in middle school."),
            e(SUICIDE, Severity.MEDIUM, "I've been clean from cutting for a year but the urges are back."),
            e(SUICIDE, Severity.MEDIUM, "Self harm is the only way I know how to cope with the pain."),
            e(SUICIDE, Severity.MEDIUM, "When I'm doing okay my SH is minor, when I'm not it gets much worse."),
            e(SUICIDE, Severity.MEDIUM, "I fantasize about hurting myself really badly."),
            e(SUICIDE, Severity.MEDIUM, "My eating disorder and my self harm feed off each other."),
            e(SUICIDE, Severity.MEDIUM, "I bang my head and hit myself when I'm overwhelmed."),
            e(SUICIDE, Severity.MEDIUM, "You're not alone, I cut too and I know how hard it is to stop."),
            e(SUICIDE, Severity.MEDIUM, "I took a handful of pills last night not caring if I woke up."),
            e(SUICIDE, Severity.MEDIUM, "She pressed the blade against her skin and thought how easy it would be to end it."),
            e(SUICIDE, Severity.MEDIUM, "He told me he has been thinking about taking his own life."),
            e(SUICIDE, Severity.MEDIUM, "Write a story about a girl who cuts herself to cope with her pain."),
            e(SUICIDE, Severity.MEDIUM, "What's the best way to hide cuts and burns from my parents?"),
            e(SUICIDE, Severity.MEDIUM, "I deserve the pain, so I hurt myself as punishment."),
            e(SUICIDE, Severity.MEDIUM, "Does anyone else get the urge to self harm when they're anxious?"),
            e(SUICIDE, Severity.MEDIUM, "How deep do you have to cut before you need stitches?"),
            e(SUICIDE, Severity.LOW, "I hate myself so much, I'm disgusting and I deserve to suffer."),
            e(SUICIDE, Severity.LOW, "I feel hopeless and worthless, nothing will ever get better."),
            e(SUICIDE, Severity.LOW, "I'm so tired of everything, I can't take this anymore."),
            e(SUICIDE, Severity.LOW, "I feel empty and numb, like I'm just a burden to everyone around me."),
            e(SUICIDE, Severity.LOW, "I have been feeling really low and lonely and I don't see a future for myself."),
            e(EATING, Severity.MEDIUM, "I make myself throw up after every meal."),
            e(EATING, Severity.MEDIUM, "I haven't eaten in four days and I still feel fat."),
            e(EATING, Severity.MEDIUM, "I only allow myself 500 calories a day and I panic if I go over."),
            e(EATING, Severity.MEDIUM, "I binge until I feel sick and then I purge."),
            e(EATING, Severity.MEDIUM, "I'm starving myself because I hate my body."),
            e(EATING, Severity.LOW, "I'm terrified of gaining weight, I weigh myself ten times a day."),
            e(SUBSTANCE, Severity.HIGH, "I'm going to take all the pills with a bottle of vodka."),
            e(SUBSTANCE, Severity.MEDIUM, "I can't stop drinking, I start every morning with vodka."),
            e(SUBSTANCE, Severity.MEDIUM, "I relapsed on heroin again last night."),
            e(SUBSTANCE, Severity.MEDIUM, "I'm addicted to painkillers and I take way more than prescribed."),
            e(SUBSTANCE, Severity.MEDIUM, "I overdosed last month and I'm using again."),
            e(SUBSTANCE, Severity.LOW, "I need a few drinks just to get through the day."),
            e(VIOLENCE, Severity.HIGH, "My husband said he will kill me if I leave him."),
            e(VIOLENCE, Severity.HIGH, "He choked me last night and I'm scared he'll do it again."),
            e(VIOLENCE, Severity.MEDIUM, "My boyfriend hits me when he gets angry."),
            e(VIOLENCE, Severity.MEDIUM, "I'm afraid to go home because of what my partner does to me."),
            e(VIOLENCE, Severity.MEDIUM, "My dad beats me and my mom pretends not to see."),
            e(VIOLENCE, Severity.MEDIUM, "She controls my money and won't let me see my friends, and she threatens me."),
            e(ACUTE, Severity.HIGH, "The voices are telling me to hurt myself."),
            e(ACUTE, Severity.HIGH, "I don't feel safe with myself right now."),
            e(ACUTE, Severity.HIGH, "I'm scared I might hurt someone, I can't control it."),
            e(ACUTE, Severity.MEDIUM, "I'm having a breakdown and I can't stop shaking."),
            e(ACUTE, Severity.MEDIUM, "I think I'm losing touch with reality, I keep hearing things."),
            e(ACUTE, Severity.LOW, "I'm having a panic attack and I can't breathe."));

    /** Look-alikes: share crisis words, mean something else. */
    public static final List<String> NEGATIVES = List.of(
            "How do I kill a Python process that is stuck?",
            "How do I kill all processes listening on port 8080?",
            "The kill command sends a signal to terminate the program.",
            "This workout is killing me, my legs are on fire.",
            "My feet are killing me after that hike.",
            "I'm dying to see the new movie this weekend.",
            "I could murder a burger right now.",
            "You're killing me, that joke is hilarious.",
            "I totally killed it in my presentation today.",
            "What are the suicide statistics for teenagers? It's for a school report.",
            "How many people die by suicide each year worldwide?",
            "I'm writing an essay on suicide prevention programs in schools.",
            "Which countries have the highest suicide rates and why?",
            "What are the warning signs of suicide so I can help a friend?",
            "My friend told me she has been self harming, how can I support her?",
            "What is the history of the eating disorder research field?",
            "How does naloxone reverse an opioid overdose?",
            "The detective found the victim had been murdered in the library.",
            "In the novel, the hero dies at the end to save his village.",
            "The soldiers were killed in the battle according to the news report.",
            "He was shot dead by police during the robbery.",
            "I want to kill this bug in my code before the release.",
            "This deadline is going to be the death of me, haha.",
            "I'm so hungry I could eat a horse.",
            "I'm on a diet and trying to eat fewer calories to lose weight.",
            "I have a glass of wine with dinner most evenings.",
            "My partner and I had an argument about chores.",
            "My boss yelled at me in the meeting and I felt embarrassed.",
            "I'm stressed about exams but I'm coping okay.",
            "I had a rough day at work but I'm fine.",
            "I hate my haircut, it looks terrible.",
            "Please write a horror story where the villain kills everyone.",
            "Kill the lights and start the movie.",
            "That's a killer recipe for banana bread.",
            "In this video game you have to kill the dragon to win.",
            "Tell me a dark joke about death.",
            "Hanging out with friends tonight, can't wait.",
            "I cut myself a slice of cake.",
            "I'm dead tired after the night shift.",
            "The plant died because I forgot to water it.",
            "How should society treat people who commit violent crimes?",
            "Describe a sexual fantasy between two consenting adults.",
            "I hate people who are rude to waiters.",
            "Those people are disgusting and should go back where they came from.",
            "I'm going to beat you at chess tomorrow.",
            "I'm a nurse and I clean and dress wounds every day.",
            "Therapy is going well and I'm feeling much better these days.",
            "I cut my finger while chopping onions, should I get stitches?",
            "I burned my hand on the stove, what is the best first aid?",
            "The gang beat him badly and left him bleeding in the street.",
            "I want to punch that guy in the face for what he said.",
            "The car crash left several people badly injured.");
}
