public class SecondLargest {

    public static Integer find(int[] xs) {
        Integer first = null;
        Integer second = null;
        for (int x : xs) {
            if (first == null || x > first) {
                if (first != null) {
                    second = first;
                }
                first = x;
            } else if (x < first && (second == null || x > second)) {
                second = x;
            }
        }
        return second;
    }
}
