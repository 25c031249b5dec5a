package dev.voicefarm.bench.report;

import dev.voicefarm.bench.fleet.FleetRun;
import dev.voicefarm.bench.hol.HolRun;
import dev.voicefarm.bench.overhead.OverheadResults;
import dev.voicefarm.bench.overhead.StepResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The four figures of the farm benchmark in one PNG, two by two. */
final class Charts {

    private static final int WIDTH = 700;
    private static final int HEIGHT = 450;

    private Charts() {
    }

    static void write(Path png, OverheadResults overhead, HolFigures hol, List<FleetRun> fleet) throws IOException {
        List<JFreeChart> charts = List.of(latency(overhead), throughput(overhead), headOfLine(hol), fleetCpu(fleet));
        BufferedImage image = new BufferedImage(2 * WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(charts.get(i).createBufferedImage(WIDTH, HEIGHT), (i % 2) * WIDTH, (i / 2) * HEIGHT, null);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart latency(OverheadResults overhead) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String path : List.of("farm", "raw")) {
            XYSeries p99 = new XYSeries(path + " p99");
            XYSeries p50 = new XYSeries(path + " p50");
            for (double rate : overhead.rates()) {
                StepResult step = overhead.median(path, rate);
                p99.add(rate, step.p99Ms());
                p50.add(rate, step.p50Ms());
            }
            data.addSeries(p99);
            data.addSeries(p50);
        }
        return ChartFactory.createXYLineChart("Submit-to-done latency vs offered rate", "offered jobs/s",
                "ms (median of runs)", data, PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart throughput(OverheadResults overhead) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(overhead.median("raw", 0).throughput(), "raw Kafka+S3+Redis", "saturation");
        data.addValue(overhead.median("farm", 0).throughput(), "farm (no-op engine)", "saturation");
        for (double rate : overhead.rates()) {
            String label = String.format("%.0f/s offered", rate);
            data.addValue(overhead.median("raw", rate).throughput(), "raw Kafka+S3+Redis", label);
            data.addValue(overhead.median("farm", rate).throughput(), "farm (no-op engine)", label);
        }
        return ChartFactory.createBarChart("Sustained throughput", null, "jobs/s (median of runs)", data,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart headOfLine(HolFigures hol) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (HolRun run : hol.medians()) {
            data.addValue(run.shortP99Ms(), run.queue() + ", " + run.partitions() + " partition(s)",
                    run.mixed() ? "50 ms jobs + 10 s jobs" : "50 ms jobs only");
        }
        JFreeChart chart = ChartFactory.createBarChart("Head-of-line blocking: short-job p99, two workers", null,
                "ms, log scale (median of runs)", data, PlotOrientation.VERTICAL, true, false, false);
        LogarithmicAxis axis = new LogarithmicAxis("ms, log scale (median of runs)");
        axis.setStrictValuesFlag(false);
        chart.getCategoryPlot().setRangeAxis(axis);
        return chart;
    }

    private static JFreeChart fleetCpu(List<FleetRun> fleet) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (FleetRun run : fleet) {
            data.addValue(run.schedulerCores() * 100, "scheduler CPU, % of one core",
                    run.simulatedWorkers() == 0 ? "real fleet only" : run.simulatedWorkers() + " simulated");
        }
        return ChartFactory.createBarChart("Scheduler CPU under heartbeating fleets", null, "% of one core", data,
                PlotOrientation.VERTICAL, true, false, false);
    }
}
