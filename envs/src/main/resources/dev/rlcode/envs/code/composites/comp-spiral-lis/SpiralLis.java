public class SpiralLis {

    public static int length(int[][] matrix) {
        return Lis.length(Spiral.order(matrix).stream().mapToInt(Integer::intValue).toArray());
    }
}
