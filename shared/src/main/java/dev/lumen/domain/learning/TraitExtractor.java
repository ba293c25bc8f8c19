package dev.lumen.domain.learning;

import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.memory.InteractionRecorded;
import java.util.List;

/**
 * Port: finds the personality traits a persona showed in a reply. Malformed model output yields
 * an empty list, never an exception; an unavailable model throws
 * {@link dev.lumen.domain.error.UnavailableException} so the message is retried.
 */
public interface TraitExtractor {

    List<ExpressedTrait> extract(InteractionRecorded interaction);
}
