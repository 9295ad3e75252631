import java.util.List;

public class Puzzle {

    public static List<String> labels(String a, String b) {
        List<String> out = new java.util.ArrayList<>();
        if (Anagram.isAnagram(a, b)) {
            out.add("anagram");
        }
        if (Palindrome.isPalindrome(a)) {
            out.add("palindrome");
        }
        if (ReverseWords.reverseWords(a).equals(b)) {
            out.add("reversed");
        }
        return out;
    }
}
