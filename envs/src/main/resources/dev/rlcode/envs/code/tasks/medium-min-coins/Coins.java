public class Coins {

    public static int minCoins(int[] coins, int amount) {
        int[] best = new int[amount + 1];
        java.util.Arrays.fill(best, -1);
        best[0] = 0;
        for (int a = 1; a <= amount; a++) {
            for (int c : coins) {
                if (c <= a && best[a - c] >= 0 && (best[a] < 0 || best[a - c] + 1 < best[a])) {
                    best[a] = best[a - c] + 1;
                }
            }
        }
        return best[amount];
    }
}
