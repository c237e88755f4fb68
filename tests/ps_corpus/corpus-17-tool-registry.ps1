# Register the order desk's function tools from a hashtable registry on a beta session and report what the API kept.
$Registry = @{
    get_order    = @{ Description = 'Look up an order.'; Fields = @('order_id') }
    cancel_order = @{ Description = 'Cancel an order.'; Fields = @('order_id', 'reason') }
}
$Registry['track_parcel'] = @{ Description = 'Track a parcel.'; Fields = @('tracking_no') }
Write-Output "registered: $($Registry.Count)"

$Tools = foreach ($Name in ($Registry.Keys | Sort-Object)) {
    $Entry = $Registry[$Name]
    $Properties = @{}
    foreach ($Field in $Entry.Fields) {
        $Properties[$Field] = @{ type = 'string' }
    }
    $ToolParams = @{
        Type        = 'function'
        Name        = $Name
        Description = $Entry.Description
    }
    $ToolParams['Parameters'] = @{ type = 'object'; properties = $Properties; required = $Entry.Fields }
    Initialize-RealtimeResponseCreateParamsToolsInner @ToolParams
}
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Modalities 'text' -Tools $Tools -ToolChoice 'auto'
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request

# member enumeration: .name of the array of tools is the array of their names
Write-Output "kept: $($Session.tools.name -join ', ')"
$FieldCount = ($Session.tools | ForEach-Object { $_.parameters.required.Count } | Measure-Object -Sum).Sum
Write-Output "fields: $FieldCount"
Write-Output "has GET_ORDER: $($Session.tools.name -contains 'GET_ORDER')"    # -contains ignores case
Write-Output "descriptions: $(($Session.tools.description | ForEach-Object { $_.TrimEnd('.') }) -join '; ')"
