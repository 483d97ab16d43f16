#!/usr/bin/env python3
"""The screenshots of docs/site.md, made afresh: a small decision log of an imagined
payments team, with a git history, built into a site and photographed in Chromium — the
home page and a record on a desktop and on a phone, in the light and the dark theme, and
the search box answering as one types.

    python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

RECORD = "# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n{body}\n"
#: (title, status, date, author, body): one commit each, in this order.
LOG = [
    (
        "Record architecture decisions",
        "Accepted",
        "2025-01-06",
        "Mina Okafor",
        "## Context\n\nWe decide often and forget why. New people ask the same questions.\n\n"
        "## Decision\n\nWe record each significant decision in a short Markdown file, numbered, "
        "beside the code.\n\n## Consequences\n\nThe reasons stay with the code they shaped.",
    ),
    (
        "Queue card payments through RabbitMQ",
        "Superseded by [4. Stream payment events through "
        "Kafka](0004-stream-payment-events-through-kafka.md)",
        "2025-01-20",
        "Mina Okafor",
        "## Context\n\nCard payments arrive in bursts at the end of each month.\n\n## Decision\n\n"
        "We put each payment on a RabbitMQ queue and let workers take them in turn.",
    ),
    (
        "Keep money as integer minor units",
        "Accepted",
        "2025-02-03",
        "Jonas Lind",
        "## Context\n\nFloating point sums drift: `0.1 + 0.2 != 0.3`.\n\n## Decision\n\n"
        "Every amount is an integer count of the currency's minor unit, with its ISO 4217 code.\n\n"
        "```python\n@dataclass(frozen=True)\nclass Money:\n    minor_units: int\n"
        '    currency: str  # ISO 4217, e.g. "EUR"\n```\n\n## Consequences\n\n'
        "| Currency | Minor unit | 12.34 is stored as |\n|---|---|---|\n| EUR | cent | 1234 |\n"
        "| JPY | yen | 12 |\n| BHD | fils | 12340 |\n",
    ),
    (
        "Stream payment events through Kafka",
        "Accepted\n\nSupersedes [2. Queue card payments "
        "through RabbitMQ](0002-queue-card-payments-through-rabbitmq.md)",
        "2025-03-17",
        "Priya Raman",
        "## Context\n\nSettlement, fraud checks and reporting each need every payment event, in "
        "order, and the queue hands each message to one consumer only.\n\n## Decision\n\n"
        "We publish payment events to a Kafka topic keyed by merchant, kept for 14 days. Each "
        "team reads it with its own consumer group.\n\n## Consequences\n\n- Replays are possible "
        "after a consumer bug.\n- We run a Kafka cluster, with its own on-call.\n\n"
        "```mermaid\ngraph LR\n  API --> T[payments topic]\n  T --> Settlement\n  T --> Fraud\n"
        "  T --> Reporting\n```\n",
    ),
    (
        "Retry webhooks with exponential backoff",
        "Proposed",
        "2025-04-02",
        "Jonas Lind",
        "## Context\n\nMerchants' servers are sometimes down when we call them.\n\n## Decision\n\n"
        "We retry each webhook after 1, 4, 16 and 64 minutes, then mark it failed.",
    ),
    (
        "Nightly batch reconciliation",
        "Deprecated",
        "2025-04-28",
        "Priya Raman",
        "## Context\n\nBank statements arrive once a night.\n\n## Decision\n\nA cron job matches "
        "the statements against our ledger at 02:00.",
    ),
]


def git(cwd: Path, *args: str, author: str = "Mina Okafor", day: str = "2025-01-06") -> None:
    email = author.lower().replace(" ", ".") + "@payments.example"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": f"{day}T10:00:00",
        "GIT_COMMITTER_DATE": f"{day}T10:00:00",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def make_log(repo: Path) -> None:
    """The imagined team's folder, one commit per record, then one record accepted later."""
    folder = repo / "doc" / "adr"
    folder.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for n, (title, status, day, author, body) in enumerate(LOG, 1):
        name = f"{n:04d}-{'-'.join(title.lower().split())}.md"
        (folder / name).write_text(
            RECORD.format(n=n, title=title, date=day, status=status, body=body), encoding="utf-8"
        )
        git(repo, "add", "-A", author=author, day=day)
        git(repo, "commit", "-qm", f"ADR {n}: {title}", author=author, day=day)
    third = folder / "0003-keep-money-as-integer-minor-units.md"
    third.write_text(
        third.read_text().replace(
            "with its ISO 4217 code.", "with its ISO 4217 code, and is never divided."
        )
    )
    git(repo, "commit", "-qam", "ADR 3: never divide", author="Priya Raman", day="2025-05-12")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="archlog-shots-") as tmp:
        repo = Path(tmp) / "payments"
        make_log(repo)
        subprocess.run(
            [sys.executable, "-m", "archlog", "site", "build", "--out", "public"],
            cwd=repo,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        site = repo / "public"
        home = (site / "index.html").as_uri()
        records = {  # a desktop shows the sidebar; a phone, the banner of a replaced record
            "": (site / "adr" / "0004-stream-payment-events-through-kafka.html").as_uri(),
            "phone-": (site / "adr" / "0002-queue-card-payments-through-rabbitmq.html").as_uri(),
        }
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=FLAGS)
            for theme in ("light", "dark"):
                for device, size, scale in (("", (1280, 800), 1), ("phone-", (360, 740), 2)):
                    context = browser.new_context(
                        viewport={"width": size[0], "height": size[1]},
                        device_scale_factor=scale,
                        color_scheme=theme,
                    )
                    page = context.new_page()
                    for name, url in (("home", home), ("record", records[device])):
                        page.goto(url)
                        page.wait_for_timeout(600)  # Mermaid draws
                        page.screenshot(path=str(args.out / f"{device}{name}-{theme}.png"))
                    if not device and theme == "light":
                        page.goto(home)
                        page.click("#q")
                        page.keyboard.type("kafka")
                        page.locator("#q-results .search-result").first.wait_for()
                        page.screenshot(path=str(args.out / "search-light.png"))
                    context.close()
            browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
