import java.util.List;

public class Flatten {

    public static List<Integer> flatten(List<?> nested) {
        List<Integer> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<java.util.Iterator<?>> stack = new java.util.ArrayDeque<>();
        stack.push(nested.iterator());
        while (!stack.isEmpty()) {
            java.util.Iterator<?> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            Object o = it.next();
            if (o instanceof Integer i) {
                out.add(i);
            } else if (o instanceof List<?> inner) {
                stack.push(inner.iterator());
            } else {
                throw new IllegalArgumentException("unexpected element: " + o);
            }
        }
        return out;
    }
}
