import { graphql } from '../../gql';

/** One page of the viewer's own images, filtered, with a square WebP thumbnail each. */
export const LibraryAssetsQuery = graphql(`
  query LibraryAssets(
    $first: Int
    $after: String
    $search: String
    $folder: String
    $visibility: Visibility
    $tag: String
  ) {
    assets(
      first: $first
      after: $after
      search: $search
      folder: $folder
      visibility: $visibility
      tag: $tag
    ) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        node {
          id
          filename
          width
          height
          visibility
          status
          folder
          tags
          createdAt
          thumbnailUrl(size: 320, square: true, format: WEBP)
        }
      }
    }
  }
`);

export const AssetFoldersQuery = graphql(`
  query AssetFolders {
    assetFolders
  }
`);

/** One image for its own page. */
export const LibraryAssetQuery = graphql(`
  query LibraryAsset($id: ID!) {
    asset(id: $id) {
      id
      filename
      contentType
      byteSize
      width
      height
      visibility
      status
      folder
      tags
      createdAt
      url
      downloadUrl
      hasLocationData
      moderationNote
      viewCount
      downloadCount
      detailsPublic
      previewUrl: thumbnailUrl(size: 1200, square: false, format: WEBP)
    }
  }
`);

/** The delivery URL of one rendition (the rendition builder). */
export const RenditionUrlQuery = graphql(`
  query RenditionUrl(
    $id: ID!
    $width: Int
    $height: Int
    $fit: ImageFit
    $format: ImageFormat
    $quality: Int
  ) {
    asset(id: $id) {
      id
      variantUrl(width: $width, height: $height, fit: $fit, format: $format, quality: $quality)
    }
  }
`);

/** Sent as a GraphQL multipart request (see pages/library/upload.ts), not through fetch. */
export const UploadAssetMutation = graphql(`
  mutation UploadAsset($file: Upload!, $visibility: Visibility, $folder: String, $tags: [String!]) {
    uploadAsset(file: $file, visibility: $visibility, folder: $folder, tags: $tags) {
      asset {
        id
        filename
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ImportAssetFromUrlMutation = graphql(`
  mutation ImportAssetFromUrl($url: String!, $visibility: Visibility, $folder: String) {
    importAssetFromUrl(url: $url, visibility: $visibility, folder: $folder) {
      asset {
        id
        filename
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const UpdateAssetMutation = graphql(`
  mutation UpdateAsset($id: ID!, $input: UpdateAssetInput!) {
    updateAsset(id: $id, input: $input) {
      asset {
        id
        filename
        visibility
        folder
        tags
        url
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DeleteAssetMutation = graphql(`
  mutation DeleteAsset($id: ID!) {
    deleteAsset(id: $id) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);
