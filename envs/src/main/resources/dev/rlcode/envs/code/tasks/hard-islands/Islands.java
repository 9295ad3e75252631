public class Islands {

    public static int count(char[][] grid) {
        int islands = 0;
        int rows = grid.length;
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < grid[r].length; c++) {
                if (grid[r][c] != '1') {
                    continue;
                }
                islands++;
                grid[r][c] = '0';
                stack.push(new int[] {r, c});
                while (!stack.isEmpty()) {
                    int[] p = stack.pop();
                    int[][] around = {{p[0] + 1, p[1]}, {p[0] - 1, p[1]}, {p[0], p[1] + 1}, {p[0], p[1] - 1}};
                    for (int[] q : around) {
                        if (q[0] >= 0 && q[0] < rows && q[1] >= 0 && q[1] < grid[q[0]].length && grid[q[0]][q[1]] == '1') {
                            grid[q[0]][q[1]] = '0';
                            stack.push(q);
                        }
                    }
                }
            }
        }
        return islands;
    }
}
