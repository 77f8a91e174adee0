package dev.gpuc.bench.report;

/** How a measurement compares with its goal. */
public enum Verdict {
    PASS("pass"), MISS("**miss**"), INFO("info"), NOT_MEASURED("not measured");

    private final String markdown;

    Verdict(String markdown) {
        this.markdown = markdown;
    }

    public String markdown() {
        return markdown;
    }
}
