import java.util.List;

public class RemoveValue {

    public static int removeAll(List<Integer> xs, int value) {
        int before = xs.size();
        xs.removeIf(x -> x != null && x == value);
        return before - xs.size();
    }
}
