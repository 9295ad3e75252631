import java.util.List;

public class CsvColumn {

    public static double median(List<String> lines, int column) {
        int[] values = new int[lines.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Integer.parseInt(CsvLine.parse(lines.get(i)).get(column).strip());
        }
        return Median.median(values);
    }
}
