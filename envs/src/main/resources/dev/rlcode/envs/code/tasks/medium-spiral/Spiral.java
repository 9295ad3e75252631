import java.util.List;

public class Spiral {

    public static List<Integer> order(int[][] matrix) {
        List<Integer> out = new java.util.ArrayList<>();
        if (matrix.length == 0 || matrix[0].length == 0) {
            return out;
        }
        int top = 0;
        int bottom = matrix.length - 1;
        int left = 0;
        int right = matrix[0].length - 1;
        while (top <= bottom && left <= right) {
            for (int c = left; c <= right; c++) {
                out.add(matrix[top][c]);
            }
            for (int r = top + 1; r <= bottom; r++) {
                out.add(matrix[r][right]);
            }
            if (top < bottom && left < right) {
                for (int c = right - 1; c >= left; c--) {
                    out.add(matrix[bottom][c]);
                }
                for (int r = bottom - 1; r > top; r--) {
                    out.add(matrix[r][left]);
                }
            }
            top++;
            bottom--;
            left++;
            right--;
        }
        return out;
    }
}
