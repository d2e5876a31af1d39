#include "triad/platform/keystore.h"

namespace triad::platform {

UnlockCredential UnlockCredential::fromPassphrase(std::string_view passphrase)
{
    return UnlockCredential{crypto::SecureBuffer::copyOf({reinterpret_cast<const std::uint8_t *>(passphrase.data()), passphrase.size()})};
}

} // namespace triad::platform
