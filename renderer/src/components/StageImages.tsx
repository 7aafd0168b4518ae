/**
 * The page inside a viewer's stage: the thumbnail stretched as a stand-in until the full-resolution
 * image has arrived and is decoded (so the page never flashes blank), then the image itself.
 */
import type { Page } from '../../../contract/api.ts';
import { pageImageUrl } from '../state/desk.ts';

interface Props {
  page: Page;
  alt: string;
  /** The full image of this page is decoded: the stand-in can go. */
  loaded: boolean;
  onLoaded(pageId: string): void;
  onError(pageId: string): void;
  testId: string;
}

export function StageImages({ page, alt, loaded, onLoaded, onError, testId }: Props) {
  return (
    <>
      {!loaded && <img key={`t-${page.id}`} className="viewer-placeholder" src={pageImageUrl(page.id, 'thumb')} alt="" draggable={false} />}
      <img
        key={page.id}
        className="viewer-image"
        src={pageImageUrl(page.id, 'full')}
        alt={alt}
        width={page.width}
        height={page.height}
        decoding="async"
        draggable={false}
        onLoad={(e) => {
          // Keep the stand-in until the big image is decoded, or the page flashes blank.
          const id = page.id;
          void e.currentTarget
            .decode()
            .catch(() => {})
            .then(() => onLoaded(id));
        }}
        onError={() => onError(page.id)}
        data-testid={testId}
      />
    </>
  );
}
