// The allow-list of images the custom-image class may run (admins).
import { z } from 'zod';
import { text, when } from '../common';

/** `POST /custom-images`: the image reference to allow, and why (shown in `colo image ls`). */
export const customImageBody = z.object({
  image: z.string().min(1).max(255),
  note: z.string().max(500).optional(),
});
/** `DELETE /custom-images?image=<reference>`. */
export const customImageQuery = z.object({ image: z.string().min(1).max(255) });

export const customImageSchema = z.looseObject({ reference: text, note: z.string().default(''), allowedBy: z.string().default(''), createdAt: when });
export type CustomImage = z.infer<typeof customImageSchema>;
export const customImagesSchema = z.looseObject({ images: z.array(customImageSchema) });
export const customImageAnswerSchema = z.looseObject({ image: customImageSchema });
export const customImageRemovedSchema = z.looseObject({ reference: text });
