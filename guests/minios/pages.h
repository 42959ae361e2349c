/* Whole pages for thread stacks, shared rings and grant mappings, taken from the domain's
 * memory above the image (from 1 MiB) and below its rings; never given back. */
#ifndef PAGES_H
#define PAGES_H
/* The first pfn of n contiguous pages (zeroed), or 0 when the domain has no more. */
unsigned pages_alloc(unsigned n);
#define PAGE_ADDRESS(pfn) ((void *)((unsigned)(pfn) << 12))
#endif
