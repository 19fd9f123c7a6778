/**
 * Lists come back as a PagePromise: `await` it for the first page, or `for await` over it for
 * every item of every page (the next page is fetched only when the loop gets there).
 */
export interface Page<T> {
  data: T[];
  /** All items on the server; when Tavus leaves `total_count` out, the count seen so far. */
  totalCount: number;
  /** 1-based, for every resource (documents included). */
  page: number;
  limit: number;
  hasNextPage(): boolean;
  getNextPage(): Promise<Page<T>>;
}

export type PageLoader<T> = (page: number) => Promise<{ data: T[]; totalCount: number | undefined }>;

export function makePage<T>(load: PageLoader<T>, page: number, limit: number, data: T[], totalCount: number | undefined): Page<T> {
  const seen = (page - 1) * limit + data.length;
  const hasNext = data.length > 0 && (totalCount === undefined ? data.length >= limit : seen < totalCount);
  return {
    data,
    totalCount: totalCount ?? seen,
    page,
    limit,
    hasNextPage: () => hasNext,
    getNextPage: () => {
      if (!hasNext) return Promise.reject(new Error(`There is no page after page ${page}: check hasNextPage() first.`));
      return loadPage(load, page + 1, limit);
    },
  };
}

export async function loadPage<T>(load: PageLoader<T>, page: number, limit: number): Promise<Page<T>> {
  const { data, totalCount } = await load(page);
  return makePage(load, page, limit, data, totalCount);
}

export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  #first: Promise<Page<T>> | undefined;
  readonly #start: () => Promise<Page<T>>;

  constructor(start: () => Promise<Page<T>>) {
    this.#start = start;
  }

  /** The first page, requested once, on first use. */
  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#start();
    return this.#first;
  }

  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return this.#firstPage().finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#firstPage();
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  get [Symbol.toStringTag]() {
    return 'PagePromise';
  }
}
