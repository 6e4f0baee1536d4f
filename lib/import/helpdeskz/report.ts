// What an import did, entity by entity: rows read, imported, skipped (with reasons) and changed on the way.

const SAMPLE_IDS = 10;

type Tally = { count: number; ids: (number | string)[] };

export class EntityReport {
  read = 0;
  imported = 0;
  readonly skipped = new Map<string, Tally>();
  /** Rows imported with something adapted or dropped (e.g. a placeholder user, an unknown permission). */
  readonly adjusted = new Map<string, Tally>();

  constructor(readonly name: string) {}

  private static add(map: Map<string, Tally>, reason: string, id: number | string | undefined) {
    const tally = map.get(reason) ?? { count: 0, ids: [] };
    tally.count++;
    if (id !== undefined && tally.ids.length < SAMPLE_IDS) tally.ids.push(id);
    map.set(reason, tally);
  }

  skip(reason: string, id?: number | string) {
    EntityReport.add(this.skipped, reason, id);
  }

  adjust(reason: string, id?: number | string) {
    EntityReport.add(this.adjusted, reason, id);
  }

  get skippedCount() {
    let n = 0;
    for (const t of this.skipped.values()) n += t.count;
    return n;
  }
}

export class ImportReport {
  readonly entities = new Map<string, EntityReport>();
  /** Whole features HelpDeskZ has and Helpdeck does not, or settings that could not be carried over. */
  readonly notes: string[] = [];
  startedAt = new Date();
  finishedAt?: Date;

  constructor(readonly dryRun: boolean) {}

  entity(name: string): EntityReport {
    let entity = this.entities.get(name);
    if (!entity) {
      entity = new EntityReport(name);
      this.entities.set(name, entity);
    }
    return entity;
  }

  note(text: string) {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  toJSON() {
    const tallies = (map: Map<string, Tally>) =>
      Object.fromEntries([...map].map(([reason, t]) => [reason, { count: t.count, sampleIds: t.ids }]));
    return {
      dryRun: this.dryRun,
      startedAt: this.startedAt.toISOString(),
      finishedAt: this.finishedAt?.toISOString(),
      entities: Object.fromEntries(
        [...this.entities.values()].map((e) => [
          e.name,
          { read: e.read, imported: e.imported, skipped: tallies(e.skipped), adjusted: tallies(e.adjusted) },
        ]),
      ),
      notes: this.notes,
    };
  }

  /** A plain-text report for people: a table of counts, then every reason with sample ids. */
  toText(): string {
    const seconds = ((this.finishedAt ?? new Date()).getTime() - this.startedAt.getTime()) / 1000;
    const lines = [
      `HelpDeskZ import ${this.dryRun ? "(DRY RUN: nothing was written)" : "report"}`,
      `started ${this.startedAt.toISOString()}, ${seconds.toFixed(1)} s`,
      "",
      `${"entity".padEnd(22)} ${"read".padStart(9)} ${this.dryRun ? "would import".padStart(13) : "imported".padStart(13)} ${"skipped".padStart(8)}`,
    ];
    for (const e of this.entities.values()) {
      lines.push(
        `${e.name.padEnd(22)} ${String(e.read).padStart(9)} ${String(e.imported).padStart(13)} ${String(e.skippedCount).padStart(8)}`,
      );
    }
    const details = (title: string, pick: (e: EntityReport) => Map<string, Tally>) => {
      const rows: string[] = [];
      for (const e of this.entities.values()) {
        for (const [reason, t] of pick(e)) {
          rows.push(
            `  ${e.name}: ${t.count} × ${reason}${t.ids.length ? ` (ids ${t.ids.join(", ")}${t.count > t.ids.length ? ", …" : ""})` : ""}`,
          );
        }
      }
      if (rows.length) lines.push("", title, ...rows);
    };
    details("Skipped:", (e) => e.skipped);
    details("Imported with changes:", (e) => e.adjusted);
    if (this.notes.length) lines.push("", "Not carried over:", ...this.notes.map((n) => `  ${n}`));
    return lines.join("\n") + "\n";
  }
}
