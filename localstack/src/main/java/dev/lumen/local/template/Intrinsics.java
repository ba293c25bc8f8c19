package dev.lumen.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsics that have an obvious local value: {@code Ref} to a parameter (its
 * {@code Default}), a pseudo parameter or a resource the runner stands in for; {@code Fn::GetAtt}
 * on such a resource; {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}. Anything else
 * (conditions, imports, resources with no local stand-in) stays unresolved, and callers skip it.
 */
public final class Intrinsics {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> names;
    private final Map<String, String> attributes;

    /**
     * @param parameters         parameter values by name (the template's defaults, possibly overridden)
     * @param region             the value of {@code AWS::Region}
     * @param resourceRefs       what {@code Ref} of a resource yields locally, by logical id
     * @param resourceAttributes what {@code Fn::GetAtt} yields locally, keyed {@code "LogicalId.Attribute"}
     */
    public Intrinsics(Map<String, String> parameters, String region,
                      Map<String, String> resourceRefs, Map<String, String> resourceAttributes) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("AWS::Region", region);
        all.put("AWS::AccountId", "000000000000");
        all.put("AWS::Partition", "aws");
        all.put("AWS::URLSuffix", "amazonaws.com");
        all.put("AWS::StackName", "lumen-local");
        all.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":000000000000:stack/lumen-local/local");
        all.putAll(parameters);
        all.putAll(resourceRefs);
        this.names = Map.copyOf(all);
        this.attributes = Map.copyOf(resourceAttributes);
    }

    /** The local value of a literal or an intrinsic, if it has one. */
    public Optional<String> resolve(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return Optional.empty();
        }
        if (!(value instanceof Intrinsic intrinsic)) {
            return Optional.of(value.toString());
        }
        return switch (intrinsic.function()) {
            case "Ref" -> Optional.ofNullable(names.get(String.valueOf(intrinsic.argument())));
            case "Fn::GetAtt" -> getAtt(intrinsic.argument());
            case "Fn::Sub" -> sub(intrinsic.argument());
            case "Fn::Join" -> join(intrinsic.argument());
            case "Fn::Select" -> select(intrinsic.argument());
            default -> Optional.empty();
        };
    }

    /** Resolves every value of a map; names whose value has no local meaning go to {@code unresolved}. */
    public Map<String, String> resolveAll(Map<String, Object> values, BiConsumer<String, Object> unresolved) {
        Map<String, String> resolved = new LinkedHashMap<>();
        values.forEach((name, value) -> resolve(value).ifPresentOrElse(
                text -> resolved.put(name, text),
                () -> unresolved.accept(name, value)));
        return resolved;
    }

    private Optional<String> getAtt(Object argument) {
        if (argument instanceof List<?> parts && parts.size() == 2) {
            return Optional.ofNullable(attributes.get(parts.get(0) + "." + parts.get(1)));
        }
        return Optional.empty();
    }

    private Optional<String> sub(Object argument) {
        String template;
        Map<String, String> variables = new LinkedHashMap<>(names);
        if (argument instanceof String text) {
            template = text;
        } else if (argument instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof String text
                && parts.get(1) instanceof Map<?, ?> extra) {
            template = text;
            for (Map.Entry<?, ?> entry : extra.entrySet()) {
                Optional<String> value = resolve(entry.getValue());
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(String.valueOf(entry.getKey()), value.get());
            }
        } else {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Matcher matcher = SUB_VARIABLE.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (attributes.containsKey(name)) {
                value = attributes.get(name);
            } else {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }

    private Optional<String> join(Object argument) {
        if (!(argument instanceof List<?> parts) || parts.size() != 2 || !(parts.get(1) instanceof List<?> items)) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (Object item : items) {
            Optional<String> value = resolve(item);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.get());
        }
        return Optional.of(String.join(String.valueOf(parts.get(0)), values));
    }

    private Optional<String> select(Object argument) {
        if (!(argument instanceof List<?> parts) || parts.size() != 2 || !(parts.get(1) instanceof List<?> items)) {
            return Optional.empty();
        }
        Optional<String> index = resolve(parts.get(0));
        if (index.isEmpty() || !index.get().matches("\\d+")) {
            return Optional.empty();
        }
        int position = Integer.parseInt(index.get());
        return position < items.size() ? resolve(items.get(position)) : Optional.empty();
    }
}
