import java.util.List;

public class Dedup {

    public static <T> List<T> distinct(List<T> xs) {
        java.util.Set<T> seen = new java.util.LinkedHashSet<>(xs);
        return new java.util.ArrayList<>(seen);
    }
}
