// 프로필의 API 토큰 부분.
import type { apiTokens as en } from '../en/api-tokens.ts';

export const apiTokens: Record<keyof typeof en, string> = {
  'profile.tokens.title': 'API 토큰',
  'profile.tokens.intro': '토큰이 있으면 대시보드나 스크립트 같은 팀 도구가 JSON API로 Pairwise를 읽을 수 있어요. 권한은 내 권한과 같아서, 내가 여기서 보는 것만 보이고 아무것도 바꿀 수 없어요.',
  'profile.tokens.how': '도구는 {header} 헤더에 토큰을 담아 보내요. 엔드포인트 설명은 {doc}에 있어요.',
  'profile.tokens.docLink': 'OpenAPI 문서',
  'profile.tokens.none': '아직 API 토큰이 없어요. 아래에서 쓸 도구 이름을 붙여 만들어 보세요.',
  'profile.tokens.table': '내 API 토큰',
  'profile.tokens.col.name': '이름',
  'profile.tokens.col.token': '앞자리',
  'profile.tokens.col.created': '만든 날',
  'profile.tokens.col.lastUsed': '마지막 사용',
  'profile.tokens.never': '사용 전',
  'profile.tokens.revoke': '폐기',
  'profile.tokens.revokeLabel': '{name} 토큰 폐기',
  'profile.tokens.revoked': '토큰을 폐기했어요. 이제 이 토큰을 보내는 도구는 거절돼요.',
  'profile.tokens.name': '토큰 이름',
  'profile.tokens.nameHint': '어디에 쓰는지 적어 주세요 (예: 팀 대시보드). 나만 볼 수 있어요.',
  'profile.tokens.make': '토큰 만들기',
  'profile.tokens.full': '토큰은 한 사람당 {max}개까지예요. 새로 만들려면 안 쓰는 토큰을 폐기해 주세요.',
  'profile.tokens.made': '"{name}" 토큰을 만들었어요. 지금 복사해 두세요. 토큰은 이번 한 번만 보이고, Pairwise에는 지문(해시)만 남아요.',
  'profile.tokens.newLabel': '새 토큰',
  'profile.tokens.copy': '복사',
  'profile.tokens.copied': '복사했어요',
};
