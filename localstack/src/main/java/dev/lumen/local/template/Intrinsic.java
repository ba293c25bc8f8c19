package dev.lumen.local.template;

/**
 * A CloudFormation intrinsic function call left unevaluated by the parser, in either form:
 * the short tag ({@code !Ref Stage}) or the long map ({@code {"Ref": "Stage"}}).
 *
 * @param function full name: {@code Ref}, {@code Condition} or {@code Fn::Sub}, {@code Fn::GetAtt}, …
 * @param argument the YAML value after the tag (string, list or map), as parsed
 */
public record Intrinsic(String function, Object argument) {

    /** Maps a short tag such as {@code !GetAtt} to its long name; {@code !GetAtt A.B} becomes a list. */
    static Intrinsic fromShortTag(String tag, Object argument) {
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        if (name.equals("Ref") || name.equals("Condition")) {
            return new Intrinsic(name, argument);
        }
        if (name.equals("GetAtt") && argument instanceof String dotted && dotted.contains(".")) {
            int dot = dotted.indexOf('.');
            return new Intrinsic("Fn::GetAtt", java.util.List.of(dotted.substring(0, dot), dotted.substring(dot + 1)));
        }
        return new Intrinsic("Fn::" + name, argument);
    }

    /** True for a map key that names an intrinsic in the long form. */
    static boolean isFunctionKey(String key) {
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }
}
