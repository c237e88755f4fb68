# For the on-call runbook: how long do freshly minted keys live (beta keys one minute, GA keys as asked)?
$Beta = New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Modalities 'text')
$Expiry = Initialize-ClientSecretExpiration -Anchor 'created_at' -Seconds 1800
$Ga = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -ExpiresAfter $Expiry -Session (Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime'))
$Now = [DateTimeOffset]::UtcNow

$Keys = @(
    [pscustomobject]@{ Kind = 'beta'; ExpiresAt = [DateTimeOffset]::FromUnixTimeSeconds($Beta.client_secret.expires_at) }
    [pscustomobject]@{ Kind = 'ga'; ExpiresAt = [DateTimeOffset]::FromUnixTimeSeconds($Ga.expires_at) }
)
foreach ($Key in $Keys) {
    # a DateTimeOffset minus another is a TimeSpan; just under 1 and 30 minutes round to 1 and 30
    $Minutes = [math]::Round(($Key.ExpiresAt - $Now).TotalMinutes)
    Write-Output ('{0,-5} valid ~{1} min, plausible year: {2}' -f $Key.Kind, $Minutes, ($Key.ExpiresAt.Year -ge 2024))
}
$Longest = $Keys | Sort-Object -Property ExpiresAt -Descending | Select-Object -First 1 -ExpandProperty Kind
Write-Output "longest lived: $Longest"
$Stamp = Get-Date -Format 'HH:mm'
Write-Output "stamp shape ok: $($Stamp -match '^\d{2}:\d{2}$') ($($Stamp.Length) chars)"
