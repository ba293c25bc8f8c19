package dev.lumen.local.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * SnakeYAML constructor that keeps CloudFormation's short-form tags ({@code !Ref}, {@code !Sub},
 * {@code !GetAtt}, {@code !If}, …) as {@link Intrinsic} values. A plain loader rejects them, and
 * Jackson YAML silently drops them, which would turn {@code !Ref Stage} into the string "Stage".
 */
final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor(LoaderOptions options) {
        super(options);
        // The null key is SnakeYAML's fallback for every tag it has no constructor for.
        this.yamlConstructors.put(null, new ConstructIntrinsic());
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            Object argument;
            if (node instanceof ScalarNode scalar) {
                argument = constructScalar(scalar);
            } else if (node instanceof SequenceNode sequence) {
                argument = constructSequence(sequence);
            } else if (node instanceof MappingNode mapping) {
                argument = constructMapping(mapping);
            } else {
                argument = null;
            }
            return Intrinsic.fromShortTag(node.getTag().getValue(), argument);
        }
    }
}
