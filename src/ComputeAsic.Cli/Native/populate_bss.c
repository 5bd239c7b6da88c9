/*
 * Linked into the Native AOT command only (ComputeAsic.Cli.csproj). Before main, maps the executable's zero-initialized
 * data in one madvise call: the runtime rehydrates about 2 MB of type data there at start-up, and on a virtual machine
 * each first touch of a 4 KiB page is a separate fault (about 13 us measured, against about 5 us a page in bulk).
 * Saves about 4 ms of every process's start-up (`computeasic --version` 24.5 -> 20.7 ms, 812 -> 407 page faults).
 * Failure (an old kernel without MADV_POPULATE_WRITE) changes nothing: the pages are then faulted in as before.
 */
#define _GNU_SOURCE
#include <link.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int populate_main_program(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W) || ph->p_memsz <= ph->p_filesz)
            continue;
        /* The part of a writable segment beyond its file contents: .bss and the runtime's .hydrated section. */
        unsigned long lo = (info->dlpi_addr + ph->p_vaddr + ph->p_filesz + 4095) & ~4095UL;
        unsigned long hi = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + 4095) & ~4095UL;
        if (hi > lo)
            madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
    }
    return 1; /* the first object reported is the main program: stop there */
}

__attribute__((constructor)) static void populate_bss(void)
{
    dl_iterate_phdr(populate_main_program, 0);
}
