public class TextReport {

    public static String summary(String text, int k) {
        return "words=" + WordCount.count(text) + " top=" + String.join(",", TopWords.topK(text, k));
    }
}
