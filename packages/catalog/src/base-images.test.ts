import { describe, expect, it } from 'vitest';
import { dockerfileBases } from './base-images';

describe('dockerfileBases', () => {
  it('lists FROM images, skipping build stages and scratch', () => {
    const text = 'FROM debian:bookworm-slim AS build\nRUN x\nFROM build\nFROM --platform=linux/amd64 colo/base:1\nFROM scratch\n';
    expect(dockerfileBases(text)).toEqual(['debian:bookworm-slim', 'colo/base:1']);
  });
});
