public class Settings {

    public static int intValue(String config, String key, int fallback) {
        return IntParse.parseOrDefault(KeyValues.parse(config).get(key), fallback);
    }
}
