import { readFileSync } from "node:fs";
import { realInside } from "../shared/sitePaths.ts";
import path from "node:path";
import { commitDatesFile, lastCommitDates } from "../source/gitDates.ts";
import type { SiteModel } from "../source/model.ts";
import { readVersionInclude, releaseFor, type Release } from "../source/release.ts";
import { bannerHtml } from "./banner.ts";
import type { FooterParts } from "./frame.ts";

// Made once: a formatter costs far more to make than to use, and every page's footer formats dates.
const READER_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A date as NHS.UK pages write one ("22 November 2026"). */
export function readerDate(date: Date): string {
  return READER_DATE.format(date);
}

/**
 * What every page's frame says about the site, worked out once per build:
 * the release each sidebar's pages describe and its banner, the footer, and
 * when each page last changed.
 */
export class SiteFacts {
  private readonly releases = new Map<string, Release | undefined>();
  private readonly banners = new Map<string, string | undefined>();
  private commitDates: Map<string, Date> | undefined;
  private versionInclude: string | undefined | null = null;

  /** `commitDates`: a file of each file's last commit date (a tree written from git objects has no history of its own). */
  constructor(
    private readonly site: SiteModel,
    private readonly builtAt: Date,
    private readonly commitDatesFrom: string | undefined,
  ) {}

  /** The release a page of this sidebar describes (sidebar, then the tree's version include, then settings). */
  release(sidebarName: string | undefined): Release | undefined {
    const sidebar = this.site.sidebarFor(sidebarName);
    const key = sidebar?.name ?? "";
    if (!this.releases.has(key)) {
      const { settings } = this.site;
      if (this.versionInclude === null) this.versionInclude = readVersionInclude(this.site.contentDir, settings.release.include);
      this.releases.set(key, releaseFor(sidebar, this.versionInclude, settings.title, settings.release));
    }
    return this.releases.get(key);
  }

  /** The release's banner include as markup, read once; undefined when the release names none or the tree lacks it. */
  banner(release: Release | undefined): string | undefined {
    const include = release?.banner;
    if (!include) return undefined;
    if (!this.banners.has(include)) {
      const includes = path.join(this.site.contentDir, "_includes");
      const file = path.join(includes, include);
      this.banners.set(include, file.startsWith(includes + path.sep) && realInside(this.site.contentDir, file) ? bannerHtml(readFileSync(file, "utf8")) || undefined : undefined);
    }
    return this.banners.get(include);
  }

  footer(): FooterParts {
    const { settings, url } = this.site;
    return {
      // The settings' owner, which defaults to the tree's company_name (what the theme's footer printed).
      owner: settings.owner || settings.title,
      licence: settings.footer.licence,
      links: settings.footer.links.map((link) => ({ title: link.label, url: url(link.url) })),
      generated: readerDate(this.builtAt),
      year: this.builtAt.getUTCFullYear(),
    };
  }

  /** A page's `last_updated` as its author wrote it, else the date of the last commit that changed its file. */
  updated(inputPath: string, lastUpdated: unknown): string | undefined {
    if (lastUpdated instanceof Date) return readerDate(lastUpdated);
    if (typeof lastUpdated === "string" && lastUpdated.trim()) return lastUpdated.trim();
    this.commitDates ??= this.commitDatesFrom === undefined ? lastCommitDates(this.site.contentDir) : commitDatesFile(this.commitDatesFrom, this.site.contentDir);
    const date = this.commitDates.get(path.resolve(inputPath));
    return date ? readerDate(date) : undefined;
  }
}

const perSite = new WeakMap<SiteModel, SiteFacts>();

/** The facts of a site model, worked out once for it (a whole rebuild reads a new model, so they are worked out again). */
export function siteFacts(site: SiteModel, commitDates: string | undefined): SiteFacts {
  let facts = perSite.get(site);
  if (!facts) {
    facts = new SiteFacts(site, new Date(), commitDates);
    perSite.set(site, facts);
  }
  return facts;
}
