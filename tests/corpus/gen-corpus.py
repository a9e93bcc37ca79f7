#!/usr/bin/env python3
"""Writes the malformed-firmware corpus: one variant of the good image per
case, each breaking one rule the host checks (or exercising one warning).
The verdict each must get is in expect.txt, next to this script.

usage: gen-corpus.py GOOD.elf DRAM.elf OUTDIR
       gen-corpus.py --fuzz GOOD.elf OUTDIR COUNT SEED

Deterministic: the same inputs give the same files.  Only the standard
library is used, and nothing is hand-edited: every variant is derived from
the good image by the function named after it."""

import os
import random
import struct
import sys

EHDR = struct.Struct('<16sHHIIIIIHHHHHH')
PHDR = struct.Struct('<IIIIIIII')
SHDR = struct.Struct('<IIIIIIIIII')

# e_ident offsets and ELF32 header field offsets
EI_CLASS, EI_DATA, EI_VERSION = 4, 5, 6
E_MACHINE, E_PHOFF, E_SHOFF = 18, 28, 32
E_PHENTSIZE, E_PHNUM, E_SHENTSIZE, E_SHNUM, E_SHSTRNDX = 42, 44, 46, 48, 50
PT_LOAD, PT_NOTE = 1, 4
SHT_NOBITS = 8


class Image:
    """The good image with its headers located."""

    def __init__(self, data):
        self.data = bytes(data)
        (_, _, _, _, self.entry, self.phoff, self.shoff, _, _, _, self.phnum,
         _, self.shnum, self.shstrndx) = EHDR.unpack_from(data, 0)
        self.phdrs = [PHDR.unpack_from(data, self.phoff + 32 * i) for i in range(self.phnum)]
        self.shdrs = [SHDR.unpack_from(data, self.shoff + 40 * i) for i in range(self.shnum)]
        strtab = self.shdrs[self.shstrndx]
        names = data[strtab[4]:strtab[4] + strtab[5]]
        self.names = [names[s[0]:names.index(b'\0', s[0])].decode() for s in self.shdrs]
        self.rsc_index = self.names.index('.resource_table')
        rsc = self.shdrs[self.rsc_index]
        self.rsc_off, self.rsc_size = rsc[4], rsc[5]
        self.loads = [i for i, p in enumerate(self.phdrs) if p[0] == PT_LOAD and p[5]]
        num = struct.unpack_from('<I', data, self.rsc_off + 4)[0]
        self.entry_offsets = [struct.unpack_from('<I', data, self.rsc_off + 16 + 4 * i)[0]
                              for i in range(num)]

    def phdr_at(self, i):
        return self.phoff + 32 * i

    def shdr_at(self, i):
        return self.shoff + 40 * i

    def rsc(self, off):
        """File offset of a table offset."""
        return self.rsc_off + off

    def find_entry(self, type_):
        for off in self.entry_offsets:
            if struct.unpack_from('<I', self.data, self.rsc(off))[0] == type_:
                return self.rsc(off)
        raise KeyError(type_)


def put(buf, off, fmt, value):
    struct.pack_into('<' + fmt, buf, off, value)


def variants(img, dram):
    """(name, bytes) for every case; names match expect.txt."""
    d = img.data
    size = len(d)
    text, data_seg = img.loads[0], img.loads[1]
    co, tr, vd = img.find_entry(0), img.find_entry(2), img.find_entry(3)
    vr0, vr1 = vd + 28, vd + 48

    def edit(*edits):
        b = bytearray(d)
        for off, fmt, value in edits:
            put(b, off, fmt, value)
        return bytes(b)

    ph = img.phdr_at
    sh = img.shdr_at
    rs = img.shdr_at(img.rsc_index)
    yield 'good', d
    yield 'good-dram', dram
    # file and ELF header
    yield 'empty', b''
    yield 'trunc-4', d[:4]
    yield 'trunc-51', d[:51]
    yield 'trunc-52', d[:52]
    yield 'trunc-phdrs', d[:img.phoff + 32 * img.phnum - 1]
    yield 'trunc-segment', d[:img.phdrs[text][1] + 2]
    yield 'trunc-last-byte', d[:size - 1]
    yield 'bad-magic', edit((1, 'B', ord('X')))
    yield 'class-none', edit((EI_CLASS, 'B', 0))
    yield 'class-64', edit((EI_CLASS, 'B', 2))
    yield 'big-endian', edit((EI_DATA, 'B', 2))
    yield 'ident-version', edit((EI_VERSION, 'B', 0))
    yield 'machine-arm', edit((E_MACHINE, 'H', 40))
    yield 'phoff-beyond', edit((E_PHOFF, 'I', size + 100))
    yield 'phoff-wrap', edit((E_PHOFF, 'I', 0xfffffff0))
    yield 'phnum-0', edit((E_PHNUM, 'H', 0))
    yield 'phentsize-bad', edit((E_PHENTSIZE, 'H', 31))
    yield 'shoff-beyond', edit((E_SHOFF, 'I', size))
    yield 'shentsize-bad', edit((E_SHENTSIZE, 'H', 64))
    yield 'shnum-huge', edit((E_SHNUM, 'H', 0xfeff))
    yield 'shnum-0-shoff-set', edit((E_SHNUM, 'H', 0))
    yield 'shstrndx-range', edit((E_SHSTRNDX, 'H', img.shnum + 5))
    # program headers
    p = img.phdrs[text]
    yield 'filesz-gt-memsz', edit((ph(text) + 16, 'I', p[5] + 1))
    yield 'seg-offset-beyond', edit((ph(text) + 4, 'I', size - 2))
    yield 'seg-offset-wrap', edit((ph(text) + 4, 'I', 0xfffffffc))
    yield 'seg-da-untranslatable', edit((ph(text) + 12, 'I', 0x50000000))
    yield 'seg-da-wrap', edit((ph(text) + 12, 'I', 0xfffffffe))
    yield 'seg-too-big', edit((ph(data_seg) + 20, 'I', 0x100000))
    # sections
    strsh = img.shdrs[img.shstrndx]
    yield 'shstrtab-beyond', edit((sh(img.shstrndx) + 16, 'I', size))
    yield 'sh-name-range', edit((sh(1), 'I', strsh[5] + 7))
    nonul = bytearray(d)
    nonul[strsh[4]:strsh[4] + strsh[5]] = b'A' * strsh[5]
    yield 'shstrtab-no-nul', bytes(nonul)
    # the resource table section
    yield 'rsc-section-beyond', edit((rs + 16, 'I', size - 8))
    yield 'rsc-section-wrap', edit((rs + 16, 'I', 0xfffffff0), (rs + 20, 'I', 0x20))
    yield 'rsc-size-12', edit((rs + 20, 'I', 12))
    yield 'rsc-nobits', edit((rs + 4, 'I', SHT_NOBITS))
    yield 'rsc-outside-segments', edit((ph(data_seg), 'I', PT_NOTE))
    yield 'rsc-addr-mismatch', edit((rs + 12, 'I', img.shdrs[img.rsc_index][3] + 0x100))
    # the table header
    r = img.rsc_off
    yield 'rsc-ver-2', edit((r, 'I', 2))
    yield 'rsc-reserved', edit((r + 8, 'I', 1))
    yield 'rsc-num-huge', edit((r + 4, 'I', 1000))
    yield 'rsc-num-max', edit((r + 4, 'I', 0x3ffffffc))
    yield 'rsc-offset-negative', edit((r + 16, 'I', 0xfffffff0))
    yield 'rsc-offset-unaligned', edit((r + 16, 'I', img.entry_offsets[0] + 1))
    yield 'rsc-offset-header', edit((r + 16, 'I', 8))
    yield 'rsc-offset-beyond', edit((r + 16, 'I', img.rsc_size))
    yield 'rsc-offset-last-word', edit((r + 16, 'I', img.rsc_size - 4))
    yield 'rsc-overlap', edit((r + 20, 'I', img.entry_offsets[0]))
    # entries
    yield 'rsc-carveout-truncated', edit((rs + 20, 'I', img.entry_offsets[0] + 30))
    yield 'rsc-carveout-reserved', edit((co + 20, 'I', 7))
    yield 'rsc-carveout-len-0', edit((co + 12, 'I', 0))
    yield 'rsc-carveout-wrap', edit((co + 4, 'I', 0xfffff000))
    yield 'rsc-carveout-outside', edit((co + 4, 'I', 0x50000000))
    yield 'rsc-pool-exhausted', edit((co + 12, 'I', 0x10000000))
    noname = bytearray(d)
    noname[co + 24:co + 56] = b'A' * 32
    yield 'rsc-name-no-nul', bytes(noname)
    yield 'rsc-devmem', edit((co, 'I', 1))
    # a devmem entry that maps DRAM (below the carveout pool) at da 0x20000000
    yield 'rsc-devmem-dram', edit((co, 'I', 1), (co + 4, 'I', 0x20000000),
                                  (co + 8, 'I', 0x80100000), (co + 12, 'I', 0x1000))
    yield 'rsc-trace-reserved', edit((tr + 12, 'I', 1))
    yield 'rsc-trace-untranslatable', edit((tr + 4, 'I', 0x60000000))
    yield 'rsc-trace-any', edit((tr + 4, 'I', 0xffffffff))
    yield 'rsc-unknown-type', edit((tr, 'I', 77))
    yield 'rsc-vendor-type', edit((tr, 'I', 200))
    yield 'rsc-vdev-config-huge', edit((vd + 20, 'I', 0xffffffff))
    yield 'rsc-vdev-config-over', edit((vd + 20, 'I', 1))
    yield 'rsc-vdev-reserved', edit((vd + 26, 'B', 1))
    # three vrings need 20 more bytes: grow the section into the loaded data after it
    yield 'rsc-vdev-3-vrings', edit((vd + 25, 'B', 3), (rs + 20, 'I', img.rsc_size + 20))
    yield 'rsc-vdev-truncated-fixed', edit((rs + 20, 'I', img.entry_offsets[2] + 12))
    yield 'rsc-vring-num-0', edit((vr0 + 8, 'I', 0))
    yield 'rsc-vring-align-0', edit((vr1 + 4, 'I', 0))
    yield 'rsc-vring-num-3', edit((vr1 + 8, 'I', 3))
    yield 'rsc-vring-num-huge', edit((vr0 + 8, 'I', 0x10000))
    yield 'rsc-vring-align-3', edit((vr0 + 4, 'I', 3))
    yield 'rsc-vring-da-outside', edit((vr0, 'I', 0x40000000))
    yield 'rsc-vring-da-taken', edit((vr0, 'I', 0x88000000), (co + 4, 'I', 0x88000000))


def fuzz(img, outdir, count, seed):
    """Truncations at every length up to the end of the headers, then count
    seeded random variants: byte flips, often inside the resource table."""
    rng = random.Random(seed)
    d = img.data
    n = 0
    for cut in list(range(0, 0x100)) + list(range(img.rsc_off, img.rsc_off + img.rsc_size + 1, 4)):
        yield 'trunc-%05d' % n, d[:cut]
        n += 1
    for _ in range(count):
        b = bytearray(d)
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.6:
                pos = img.rsc_off + rng.randrange(img.rsc_size)
            else:
                pos = rng.randrange(len(b))
            b[pos] = rng.randrange(256) if rng.random() < 0.7 else b[pos] ^ (1 << rng.randrange(8))
        yield 'flip-%05d' % n, bytes(b)
        n += 1


def main(argv):
    if len(argv) == 6 and argv[1] == '--fuzz':
        img = Image(open(argv[2], 'rb').read())
        outdir, gen = argv[3], fuzz(img, argv[3], int(argv[4]), int(argv[5]))
    elif len(argv) == 4:
        img = Image(open(argv[1], 'rb').read())
        outdir, gen = argv[3], variants(img, open(argv[2], 'rb').read())
    else:
        sys.stderr.write(__doc__)
        return 2
    os.makedirs(outdir, exist_ok=True)
    for name, data in gen:
        with open(os.path.join(outdir, name + '.elf'), 'wb') as f:
            f.write(data)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
