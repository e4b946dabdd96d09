package net.metacircular.mcp.bench;

/**
 * One line of the results table: the metric, MCP's figure, the baseline's figure, their ratio, the target, whether
 * it is met, and what else was observed.
 */
public record Row(String id, String metric, String mcp, String baseline, String ratio, String target, Verdict verdict,
                  String note) {
    /** Whether a row meets its target; {@code INFO} rows have none. */
    public enum Verdict { MET, MISSED, INFO }

    static Row of(String id, String metric, String mcp, String baseline, String ratio, String target, boolean met,
                  String note) {
        return new Row(id, metric, mcp, baseline, ratio, target, met ? Verdict.MET : Verdict.MISSED, note);
    }

    static Row info(String id, String metric, String mcp, String baseline, String ratio, String note) {
        return new Row(id, metric, mcp, baseline, ratio, "–", Verdict.INFO, note);
    }

    String markdown() {
        return "| " + String.join(" | ", id, metric, mcp, baseline, ratio, target,
                switch (verdict) {
                    case MET -> "met";
                    case MISSED -> "**missed**";
                    case INFO -> "–";
                }, note) + " |";
    }
}
