public class Packing {

    public static int percentOfTotal(int[] weights, int[] values, int capacity) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return Percent.of((int) Knapsack.maxValue(weights, values, capacity), total);
    }
}
