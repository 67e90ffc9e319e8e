"""Writes chart.svg as matplotlib writes charts, text kept as <text>.

Its lines are at least 1.6 pt wide: a hairline thinner than a pixel is
widened to one pixel by PDF viewers (poppler's cairo back end, Acrobat's
"enhance thin lines") and anti-aliased by browsers, which the HTML-versus-
PDF pixel test would count against deck. Run: python3 make_chart.py
"""
import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "deck",
    "axes.linewidth": 1.6,
    "xtick.major.width": 1.6,
    "ytick.major.width": 1.6,
    "legend.frameon": False,
    # Slide-sized labels: read from the back of a room, and with stems
    # wider than a pixel, which both renderers draw alike.
    "font.size": 18,
})
years = list(range(2007, 2020))
states = [140, 57, 118, 49, 98, 109, 44, 132, 90, 55, 141, 86, 124]
fig, ax = plt.subplots(figsize=(10, 5))
ax.bar(years, states, color="#1f5fbf", label="Participating states")
ax.plot(years, [50 + 100 * i / 12 for i in range(13)], color="#e07b00", lw=3, label="Trend")
ax.set_title("Participation in the Forum, 2007-2019")
ax.set_ylabel("States")
ax.legend(loc="upper left")
fig.savefig("chart.svg", metadata={"Date": None})
