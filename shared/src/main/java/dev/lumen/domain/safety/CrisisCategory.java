package dev.lumen.domain.safety;

/** The kinds of crisis a message is checked for before any model sees it. */
public enum CrisisCategory {
    SUICIDE_SELF_HARM, EATING_DISORDER, SUBSTANCE_ABUSE, DOMESTIC_VIOLENCE, ACUTE_CRISIS
}
